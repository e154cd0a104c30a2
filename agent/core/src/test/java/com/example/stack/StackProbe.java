package com.example.stack;

import dev.tenantguard.agent.report.CallStack;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls into the agent from a package that is not the agent's: test classes in
 * {@code dev.tenantguard.agent.*} count as agent frames and are left out of captured stacks.
 */
public final class StackProbe {
    private StackProbe() {
    }

    /** Captures directly: this method is the call site. */
    public static CallStack capture(int depth) {
        return CallStack.capture(depth);
    }

    /** Captures with a JDK frame ({@code Optional.map}) between the agent and this method. */
    public static CallStack captureThroughJdk(int depth) {
        return Optional.of(depth).map(CallStack::capture).orElseThrow();
    }

    /** Captures two application frames deep: {@link #capture} is the call site. */
    public static CallStack captureNested(int depth) {
        return capture(depth);
    }

    /** Runs {@code work} with this class on the stack, e.g. as an exempt caller. */
    public static void run(Runnable work) {
        work.run();
    }

    /** Calls {@code work} with this class on the stack. */
    public static <T> T call(Supplier<T> work) {
        return work.get();
    }
}
