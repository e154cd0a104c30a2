package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.stack.StackProbe;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The key a repeat is found by. This test class is in an agent package, so its frames are passed
 * over like the agent's: the call site is the {@link StackProbe} method that calls into it.
 */
class CallSiteTest {
    private static final String RULE = "/srv/t/{tenant}/**";

    private static CallSite locate() {
        return CallSite.locate("CROSS_TENANT", RULE, null);
    }

    @Test
    void theSameLineGivesEqualKeys() {
        CallSite[] sites = new CallSite[2];
        for (int i = 0; i < 2; i++) {
            sites[i] = StackProbe.call(CallSiteTest::locate);
        }

        assertNotNull(sites[0]);
        assertEquals(sites[0], sites[1]);
        assertEquals(sites[0].hashCode(), sites[1].hashCode());
        assertTrue(sites[0].toString().contains("com.example.stack.StackProbe.call:"), sites[0].toString());
    }

    @Test
    void theKeyIsTheFrameThatCaptureNamesAsCallSite() {
        String[] captured = new String[1];
        CallSite site = StackProbe.call(() -> {
            captured[0] = CallStack.capture(4).callSite();
            return locate();
        });

        // both from inside the same StackProbe.call frame: the same class, method and line
        String line = captured[0].substring(captured[0].lastIndexOf(':') + 1, captured[0].length() - 1);
        assertTrue(site.toString().endsWith("com.example.stack.StackProbe.call:" + line), site + " vs " + captured[0]);
    }

    @Test
    void anotherMethodKindOrRuleGivesAnotherKey() {
        CallSite viaCall = StackProbe.call(CallSiteTest::locate);
        CallSite viaRun = runAndLocate();

        assertNotEquals(viaCall, viaRun);
        assertNotEquals(viaCall, StackProbe.call(() -> CallSite.locate("NO_TENANT", RULE, null)));
        assertNotEquals(viaCall, StackProbe.call(() -> CallSite.locate("CROSS_TENANT", "/other/{tenant}", null)));
        assertNotEquals(viaCall, StackProbe.call(() -> CallSite.locate("CROSS_TENANT", null, null)));
    }

    private static CallSite runAndLocate() {
        CallSite[] site = new CallSite[1];
        StackProbe.run(() -> site[0] = locate());
        return site[0];
    }

    @Test
    void jdkFramesAreNotTheCallSite() {
        CallSite direct = StackProbe.call(CallSiteTest::locate);
        CallSite throughJdk = StackProbe.call(() -> Optional.of(1).map(x -> locate()).orElseThrow());

        assertTrue(throughJdk.toString().contains("com.example.stack.StackProbe.call:"), throughJdk.toString());
        assertEquals(direct, throughJdk, "Optional.map's frames are passed over; the line of StackProbe.call is the same");
    }

    @Test
    void anExemptClassAnywhereBelowMarksTheSite() {
        CallSite site = StackProbe.call(() -> CallSite.locate("CROSS_TENANT", RULE,
                (name, method) -> name.equals("com.example.stack.StackProbe")));
        CallSite notExempt = StackProbe.call(() -> CallSite.locate("CROSS_TENANT", RULE, (name, method) -> name.equals("x.Y")));

        assertTrue(site.isExempt());
        assertFalse(notExempt.isExempt());
    }

    @Test
    void aCallSiteBeyondTheBoundIsLeftToTheFullCapture() {
        assertNull(StackProbe.call(() -> deep(CallSite.MAX_FRAMES + 5)), "more agent frames than the bound");
        assertNotNull(StackProbe.call(() -> deep(CallSite.MAX_FRAMES - 10)));
    }

    private static CallSite deep(int frames) {
        return frames == 0 ? locate() : deep(frames - 1);
    }

    @Test
    void aStackWithoutApplicationFrameHasAKeyToo() throws Exception {
        CallSite[] sites = new CallSite[2];
        // a thread whose only frames are the JDK's and this agent-package class
        for (int i = 0; i < 2; i++) {
            int index = i;
            Thread thread = new Thread(() -> sites[index] = locate());
            thread.start();
            thread.join();
        }

        assertNotNull(sites[0]);
        assertEquals(sites[0], sites[1]);
    }
}
