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

    /** A repository as Spring Data proxies it: a package-private interface, so its JDK proxy is defined here. */
    interface Repository {
        CallStack find(int depth);
    }

    /**
     * Captures through a JDK proxy of a package-private interface, whose class is
     * {@code com.example.stack.$ProxyN}, to a handler that captures: the handler is the call site, and the
     * proxy's frame between this method and the handler is no application class.
     */
    public static CallStack captureThroughProxy(int depth) {
        Repository repository = (Repository) java.lang.reflect.Proxy.newProxyInstance(StackProbe.class.getClassLoader(),
                new Class<?>[] {Repository.class}, StackProbe::handle);
        return repository.find(depth);
    }

    /**
     * A service method that calls a repository whose proxy hands the call to a library that captures
     * {@code libraryFrames} frames deeper: {@link #callRepository} is the call site.
     */
    public static CallStack service(int depth, int libraryFrames) {
        return callRepository(depth, libraryFrames);
    }

    private static CallStack callRepository(int depth, int libraryFrames) {
        Repository repository = (Repository) java.lang.reflect.Proxy.newProxyInstance(StackProbe.class.getClassLoader(),
                new Class<?>[] {Repository.class}, new org.jooq.fixture.DeepQuery(libraryFrames));
        return repository.find(depth);
    }

    private static Object handle(Object proxy, java.lang.reflect.Method method, Object[] args) {
        return CallStack.capture((Integer) args[0]);
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
