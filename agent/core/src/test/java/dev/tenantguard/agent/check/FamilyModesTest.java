package dev.tenantguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tenantguard.agent.config.Mode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FamilyModesTest {
    @Test
    void aSwitchedFamilyOverridesItsCheckersModeAndOthersKeepTheirs() {
        FamilyModes modes = new FamilyModes();
        modes.guarded("files", Mode.REPORT);

        assertEquals(Mode.REPORT, modes.set(" Files ", "ENFORCE"));

        assertEquals(Mode.ENFORCE, modes.current("files", Mode.REPORT));
        assertEquals(Mode.REPORT, modes.current("context", Mode.REPORT), "families never switched keep theirs");
        assertEquals(Map.of("files", "enforce", "jdbc", "not guarded", "http", "not guarded"), modes.snapshot());
    }

    @Test
    void onlyGuardedFamiliesSwitchAndOnlyBetweenReportAndEnforce() {
        FamilyModes modes = new FamilyModes();
        modes.guarded("http", Mode.ENFORCE);

        assertEquals("unknown family 'context': one of files, jdbc, http",
                assertThrows(IllegalArgumentException.class, () -> modes.set("context", "report")).getMessage());
        assertEquals("mode 'off' cannot be set at run time: report or enforce",
                assertThrows(IllegalArgumentException.class, () -> modes.set("http", "off")).getMessage());
        assertEquals("jdbc are not guarded in this JVM (the policy has no rules for them, or their mode is off); a"
                + " family can only be switched when the agent started guarding it",
                assertThrows(IllegalArgumentException.class, () -> modes.set("jdbc", "report")).getMessage());
        assertEquals(Mode.ENFORCE, modes.of("http"), "a refused switch changes nothing");
        assertEquals(Mode.REPORT, FamilyModes.none().current("files", Mode.REPORT));
    }
}
