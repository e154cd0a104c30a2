package dev.tenantguard.bench.report;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/**
 * A 95% interval over forks: each fork's mean is one sample (iterations within a fork share its JIT
 * and code layout, so they are not independent), and the statistic is recomputed on forks drawn
 * with replacement — on each side independently — {@value #RESAMPLES} times; the interval is the
 * 2.5th to 97.5th percentile (the percentile bootstrap). The seed comes from the data, so a report
 * regenerates byte for byte. With fewer than {@value #MIN_FORKS} forks on a side there is no
 * interval over forks, and JMH's iteration error stands in, marked as such.
 */
final class ForkInterval {
    static final int RESAMPLES = 10_000;
    static final int MIN_FORKS = 2;

    /**
     * @param value     the statistic on all forks (the point estimate)
     * @param lo        the interval's lower end
     * @param hi        its upper end
     * @param overForks {@code true} for a bootstrap over forks; {@code false} when JMH's iteration
     *                  error stood in (too few forks), NaN ends when neither was available
     */
    record Interval(double value, double lo, double hi, boolean overForks) {
        boolean known() {
            return !Double.isNaN(lo) && !Double.isNaN(hi);
        }

        /** The whole interval is at or below {@code limit}. */
        boolean atMost(double limit) {
            return known() && hi <= limit;
        }

        /** The whole interval is above {@code limit}. */
        boolean above(double limit) {
            return known() && lo > limit;
        }
    }

    private ForkInterval() {
    }

    /** The ratio of {@code arm}'s mean to {@code base}'s. */
    static Interval ratio(Measurement base, Measurement arm) {
        double value = arm.score() / base.score();
        if (enoughForks(base.forkMeans(), arm.forkMeans())) {
            return bootstrap(base.forkMeans(), arm.forkMeans(), (b, a) -> a / b, value);
        }
        double error = value * Math.hypot(base.relativeError(), arm.relativeError());
        return new Interval(value, value - error, value + error, false);
    }

    /** {@code arm}'s mean minus {@code base}'s (e.g. the time an agent adds). */
    static Interval difference(Measurement base, Measurement arm) {
        double value = arm.score() - base.score();
        if (enoughForks(base.forkMeans(), arm.forkMeans())) {
            return bootstrap(base.forkMeans(), arm.forkMeans(), (b, a) -> a - b, value);
        }
        double error = Math.hypot(base.error(), arm.error());
        return new Interval(value, value - error, value + error, false);
    }

    /** One arm's own mean (an in-process benchmark whose whole time is the agent's). */
    static Interval mean(Measurement m) {
        if (m.forkMeans().length >= MIN_FORKS) {
            return bootstrap(new double[] {0}, m.forkMeans(), (b, a) -> a, m.score());
        }
        return new Interval(m.score(), m.score() - m.error(), m.score() + m.error(), false);
    }

    /**
     * How many times more time {@code other} adds than {@code arm}, both over {@code base}: the three
     * arms' forks resampled on their own. A resample in which {@code arm} adds nothing counts as an
     * unbounded factor when {@code other} adds time, and as 0 when neither does. {@code null} with
     * too few forks on any side.
     */
    static Interval factor(Measurement base, Measurement arm, Measurement other) {
        if (!enoughForks(base.forkMeans(), arm.forkMeans()) || other.forkMeans().length < MIN_FORKS) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(31L * (31L * Arrays.hashCode(base.forkMeans())
                + Arrays.hashCode(arm.forkMeans())) + Arrays.hashCode(other.forkMeans()));
        double[] samples = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double b = resampledMean(base.forkMeans(), random);
            samples[r] = factor(resampledMean(arm.forkMeans(), random) - b, resampledMean(other.forkMeans(), random) - b);
        }
        Arrays.sort(samples);
        return new Interval(factor(arm.score() - base.score(), other.score() - base.score()),
                samples[(int) Math.floor(0.025 * (RESAMPLES - 1))], samples[(int) Math.ceil(0.975 * (RESAMPLES - 1))],
                true);
    }

    private static double factor(double armAdded, double otherAdded) {
        if (armAdded > 0) {
            return otherAdded / armAdded;
        }
        return otherAdded > 0 ? Double.POSITIVE_INFINITY : 0;
    }

    private static boolean enoughForks(double[] base, double[] arm) {
        return base.length >= MIN_FORKS && arm.length >= MIN_FORKS;
    }

    static Interval bootstrap(double[] base, double[] arm, DoubleBinaryOperator statistic, double value) {
        SplittableRandom random = new SplittableRandom(31L * Arrays.hashCode(base) + Arrays.hashCode(arm));
        double[] samples = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            samples[r] = statistic.applyAsDouble(resampledMean(base, random), resampledMean(arm, random));
        }
        Arrays.sort(samples);
        return new Interval(value, samples[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                samples[(int) Math.ceil(0.975 * (RESAMPLES - 1))], true);
    }

    private static double resampledMean(double[] forks, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < forks.length; i++) {
            sum += forks[random.nextInt(forks.length)];
        }
        return sum / forks.length;
    }
}
