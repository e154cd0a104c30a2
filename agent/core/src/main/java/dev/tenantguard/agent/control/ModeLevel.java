package dev.tenantguard.agent.control;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.config.Mode;

/**
 * A family's mode as the number a gauge carries: 0 not guarded, 1 report, 2 enforce. Ordered so that
 * an alert on "below 2" finds every family that does not block.
 */
final class ModeLevel {
    static final int NOT_GUARDED = 0;
    static final int REPORT = 1;
    static final int ENFORCE = 2;

    private ModeLevel() {
    }

    static int of(FamilyModes modes, String family) {
        Mode mode = modes.of(family);
        if (mode == Mode.ENFORCE) {
            return ENFORCE;
        }
        return mode == Mode.REPORT ? REPORT : NOT_GUARDED;
    }
}
