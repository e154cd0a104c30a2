package dev.tenantguard.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForkIntervalTest {
    private static Measurement forks(double... means) {
        double sum = 0;
        for (double m : means) {
            sum += m;
        }
        return new Measurement("B", "op", "arm", sum / means.length, 1, "ns/op", null, Double.NaN, means);
    }

    @Test
    void theIntervalOverForksHoldsThePointEstimateAndLiesWithinTheForksRange() {
        ForkInterval.Interval ratio = ForkInterval.ratio(forks(100, 100, 100, 100, 100), forks(101, 102, 103, 104, 105));
        assertTrue(ratio.overForks());
        assertEquals(1.03, ratio.value(), 1e-9);
        assertTrue(ratio.lo() >= 1.01 && ratio.lo() < 1.03 && ratio.hi() > 1.03 && ratio.hi() <= 1.05, ratio.toString());
    }

    @Test
    void moreSpreadBetweenForksGivesAWiderInterval() {
        ForkInterval.Interval tight = ForkInterval.difference(forks(100, 100, 100, 100, 100), forks(109, 110, 110, 110, 111));
        ForkInterval.Interval wide = ForkInterval.difference(forks(100, 100, 100, 100, 100), forks(90, 100, 110, 120, 130));
        assertTrue(wide.hi() - wide.lo() > 5 * (tight.hi() - tight.lo()), tight + " vs " + wide);
    }

    @Test
    void theSameDataGivesTheSameInterval() {
        assertEquals(ForkInterval.ratio(forks(100, 98, 102), forks(110, 111, 109)),
                ForkInterval.ratio(forks(100, 98, 102), forks(110, 111, 109)));
    }

    @Test
    void oneForkFallsBackToJmhsIterationErrorMarkedAsSuch() {
        ForkInterval.Interval ratio = ForkInterval.ratio(forks(100), forks(110));
        assertFalse(ratio.overForks());
        assertEquals(1.1, ratio.value(), 1e-9);
        assertTrue(ratio.atMost(1.2) && !ratio.atMost(1.1) && ratio.above(1.05));
    }

    @Test
    void theFactorBetweenTwoAgentsIsResampledOverTheForksOfAllThreeArms() {
        // base 1000; one agent adds 100 ± 10, the other 1000 ± 50: about 10 times, and the interval says how sure
        Measurement base = forks(995, 1000, 1005, 1000, 1000);
        ForkInterval.Interval factor = ForkInterval.factor(base, forks(1090, 1100, 1110, 1095, 1105),
                forks(1950, 2000, 2050, 1980, 2020));
        assertEquals(10.0, factor.value(), 1e-9);
        assertTrue(factor.lo() > 8.5 && factor.lo() < 10 && factor.hi() > 10 && factor.hi() < 11.5, factor.toString());
        // an agent whose forks overlap the base's: its added time may be nothing, the factor unbounded
        ForkInterval.Interval unbounded = ForkInterval.factor(base, forks(990, 1000, 1010, 1000, 1000),
                forks(1950, 2000, 2050, 1980, 2020));
        assertEquals(Double.POSITIVE_INFINITY, unbounded.hi());
        assertTrue(unbounded.lo() > 10, unbounded.toString());
    }

    @Test
    void noFactorOverForksFromASingleFork() {
        assertEquals(null, ForkInterval.factor(forks(100), forks(110), forks(200)));
    }
}
