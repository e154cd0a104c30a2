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
}
