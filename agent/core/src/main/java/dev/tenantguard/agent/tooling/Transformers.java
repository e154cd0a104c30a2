package dev.tenantguard.agent.tooling;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Byte Buddy plumbing shared by the instrumentation classes. */
public final class Transformers {
    private Transformers() {
    }

    /**
     * A transformer that inlines {@code enter} and {@code exit} advice into the methods
     * {@code methods} selects; the exit receives what the enter returned.
     */
    public static AgentBuilder.Transformer advice(Class<?> enter, Class<?> exit,
            ElementMatcher<? super MethodDescription> methods) {
        Advice compiled = Advice.to(enter, exit);
        return (builder, type, loader, module, domain) -> builder.visit(compiled.on(methods));
    }

    /**
     * As {@link #advice(Class, ElementMatcher)}, for a library that loads after start: when the
     * class has no method {@code methods} selects (another version of the library), nothing can
     * be checked there, and a line on stderr says so instead of enforcement silently missing.
     */
    public static AgentBuilder.Transformer adviceOrWarn(Class<?> advice, ElementMatcher<? super MethodDescription> methods,
            String route) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> {
            if (type.getDeclaredMethods().filter(methods).isEmpty()) {
                System.err.println("tenant-guard: " + type.getName() + " has no method the agent expects: " + route
                        + " is not checked with this version of the library");
            }
            return builder.visit(compiled.on(methods));
        };
    }

    /** A transformer that inlines {@code advice} into the methods {@code methods} selects. */
    public static AgentBuilder.Transformer advice(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> builder.visit(compiled.on(methods));
    }
}
