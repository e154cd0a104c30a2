package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.stack.StackProbe;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stack as a user reads it. This test class is itself in an agent package, so its frames are
 * left out like the agent's: captures go through {@link StackProbe} ({@code com.example.stack}).
 */
class CallStackTest {

    private static final String PROBE = "com.example.stack.StackProbe";

    private static void assertFrame(String method, String frame) {
        assertTrue(frame.matches("\\Q" + PROBE + "." + method + "(StackProbe.java:\\E\\d+\\)"), frame);
    }

    private static void assertNoAgentFrames(List<String> frames) {
        for (String frame : frames) {
            assertFalse(frame.startsWith("dev.tenantguard."), frame);
        }
    }

    @Test
    void theCallSiteIsTheFirstFrameOutsideTheAgent() {
        CallStack stack = StackProbe.capture(20);

        assertFrame("capture", stack.callSite());
        assertFrame("capture", stack.frames().get(0));
        assertNoAgentFrames(stack.frames());
        assertEquals(PROBE, stack.applicationClasses().get(0));
    }

    @Test
    void theCallSiteIsTheInnermostApplicationFrame() {
        CallStack stack = StackProbe.captureNested(20);

        assertFrame("capture", stack.callSite());
        assertFrame("captureNested", stack.frames().get(1));
        assertEquals(List.of(PROBE, PROBE), stack.applicationClasses().subList(0, 2));
    }

    @Test
    void jdkFramesAreShownButAreNotTheCallSite() {
        CallStack stack = StackProbe.captureThroughJdk(20);

        assertTrue(stack.frames().get(0).startsWith("java.util.Optional.map(Optional.java:"),
                stack.frames().toString());
        assertFrame("captureThroughJdk", stack.callSite());
        assertEquals(PROBE, stack.applicationClasses().get(0));
        assertFalse(stack.applicationClasses().contains("java.util.Optional"));
    }

    @Test
    void aGeneratedProxyInTheApplicationsPackageIsNotTheCallSite() {
        CallStack stack = StackProbe.captureThroughProxy(40);

        assertTrue(stack.frames().stream().anyMatch(f -> f.startsWith("com.example.stack.$Proxy")), stack.frames().toString());
        assertFrame("handle", stack.callSite());
        assertFalse(stack.applicationClasses().stream().anyMatch(c -> c.contains("$Proxy")), stack.applicationClasses().toString());
        assertTrue(stack.applicationClasses().size() >= 2, stack.applicationClasses().toString());
    }

    /**
     * A call site deeper than the depth (a service's repository call run by the ORM): the guarded call, a
     * line counting the library frames left out, the repository method (the proxy's frame names its
     * interface), the call site and the service method that called it.
     */
    @Test
    void aCallSiteBelowTheDepthIsShownWithTheRepositoryMethodAndTheApplicationAboveIt() {
        CallStack stack = StackProbe.service(8, 30);

        List<String> frames = stack.frames();
        assertTrue(frames.size() <= 8, frames.toString());
        assertTrue(frames.get(0).startsWith("org.jooq.fixture.DeepQuery.run("), frames.toString());
        assertTrue(frames.get(1).matches("\\.\\.\\. 3[0-9] frames \\.\\.\\."), frames.toString());
        assertTrue(frames.get(2).matches("com\\.example\\.stack\\.\\$Proxy\\d+\\.find\\(com\\.example\\.stack\\.StackProbe\\$Repository\\)"),
                frames.toString());
        assertEquals(stack.callSite(), frames.get(3));
        assertFrame("callRepository", frames.get(3));
        assertFrame("service", frames.get(4));
        assertTrue(frames.stream().noneMatch(f -> f.startsWith("org.jooq.") && frames.indexOf(f) > 0), frames.toString());
    }

    @Test
    void aCallSiteWithinTheDepthIsShownFromTheInnermostFrame() {
        CallStack stack = StackProbe.service(40, 3);

        assertTrue(stack.frames().get(0).startsWith("org.jooq.fixture.DeepQuery.run("), stack.frames().toString());
        assertTrue(stack.frames().stream().noneMatch(f -> f.startsWith("...")), stack.frames().toString());
        assertEquals(stack.callSite(), stack.frames().get(6));
    }

    @Test
    void theAgentPackagesAreLeftOutOfApplicationClasses() {
        CallStack stack = StackProbe.capture(20);

        assertFalse(stack.applicationClasses().contains(CallStack.class.getName()));
        assertFalse(stack.applicationClasses().contains(CallStackTest.class.getName()));
        for (String className : stack.applicationClasses()) {
            assertFalse(className.startsWith("dev.tenantguard."), className);
            assertFalse(className.startsWith("java."), className);
            assertFalse(className.startsWith("jdk."), className);
        }
    }

    @Test
    void depthLimitsTheFramesShownOnly() {
        CallStack full = StackProbe.capture(1000);
        CallStack one = StackProbe.capture(1);
        CallStack none = StackProbe.capture(0);

        assertEquals(1, one.frames().size());
        assertFrame("capture", one.frames().get(0));
        assertEquals(List.of(), none.frames());
        assertFrame("capture", none.callSite());
        assertEquals(full.applicationClasses(), none.applicationClasses());
        assertTrue(full.frames().size() > 3);
        assertEquals(full.frames().size(), StackProbe.capture(full.frames().size() + 1).frames().size());
    }

    @Test
    void aCaptureFromAnAgentPackageFindsTheNextNonAgentFrame() {
        CallStack stack = CallStack.capture(50);

        assertFalse(stack.callSite().startsWith("dev.tenantguard."), stack.callSite());
        assertFalse(stack.callSite().startsWith("java."), stack.callSite());
        assertFalse(stack.callSite().startsWith("jdk."), stack.callSite());
        assertFalse(stack.callSite().equals("unknown"));
        assertNoAgentFrames(stack.frames());
    }

    @Test
    void theCallSiteIsUnknownWhenOnlyTheAgentAndTheJdkAreOnTheStack() throws Exception {
        AtomicReference<CallStack> captured = new AtomicReference<>();
        // the lambda is in this (agent-package) class; below it, only Thread.run
        Thread thread = new Thread(() -> captured.set(CallStack.capture(10)));
        thread.start();
        thread.join();

        CallStack stack = captured.get();
        assertEquals("unknown", stack.callSite());
        assertEquals(List.of(), stack.applicationClasses());
        assertFalse(stack.frames().isEmpty());
        for (String frame : stack.frames()) { // Thread.run (and on newer JDKs, Thread.runWith)
            assertTrue(frame.startsWith("java.lang.Thread."), stack.frames().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.tenantguard.agent.X", "dev.tenantguard.agent.files.FileAccessChecker",
            "dev.tenantguard.internal.FileHooks", "dev.tenantguard.api.TenantContext",
            "dev.tenantguard.shaded.bytebuddy.ByteBuddy"})
    void agentClasses(String className) {
        assertTrue(CallStack.isAgent(className));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.tenantguard.Other", "dev.tenantguard.agentx.X", "dev.tenantguard.apix.Y",
            "com.example.stack.StackProbe", "java.lang.Thread", "org.dev.tenantguard.agent.X", "dev.tenantguard"})
    void nonAgentClasses(String className) {
        assertFalse(CallStack.isAgent(className));
    }

    private static StackTraceElement element(String className) {
        return new StackTraceElement(className, "m", className.substring(className.lastIndexOf('.') + 1) + ".java", 1);
    }

    @Test
    void withoutAgentFramesDropsTheLeadingAgentFrames() {
        StackTraceElement[] trace = {element("dev.tenantguard.agent.check.BoundaryEnforcer"),
                element("dev.tenantguard.agent.files.FileAccessChecker"), element("dev.tenantguard.internal.FileHooks"),
                element("java.io.FileInputStream"), element("com.x.Repo"),
                element("dev.tenantguard.api.TenantContext"), element("com.x.Main")};

        StackTraceElement[] trimmed = CallStack.withoutAgentFrames(trace);

        assertArrayEquals(new StackTraceElement[] {trace[3], trace[4], trace[5], trace[6]}, trimmed);
    }

    @Test
    void withoutAgentFramesKeepsATraceWithoutAgentFrames() {
        StackTraceElement[] trace = {element("java.io.FileInputStream"), element("com.x.Repo")};

        assertArrayEquals(trace, CallStack.withoutAgentFrames(trace));
    }

    @Test
    void withoutAgentFramesOfOnlyAgentFramesIsEmpty() {
        StackTraceElement[] trace = {element("dev.tenantguard.agent.A"), element("dev.tenantguard.internal.B")};

        assertEquals(0, CallStack.withoutAgentFrames(trace).length);
        assertEquals(0, CallStack.withoutAgentFrames(new StackTraceElement[0]).length);
    }

    @Test
    void withoutAgentFramesDoesNotChangeItsArgument() {
        StackTraceElement[] trace = {element("dev.tenantguard.agent.A"), element("com.x.B")};
        StackTraceElement[] copy = trace.clone();

        CallStack.withoutAgentFrames(trace);

        assertArrayEquals(copy, trace);
    }
}
