package dev.tenantguard.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Byte Buddy plumbing shared by the instrumentation classes. */
final class Transformers {
    private Transformers() {
    }

    /**
     * A transformer that inlines {@code enter} and {@code exit} advice into the methods
     * {@code methods} selects; the exit receives what the enter returned.
     */
    static AgentBuilder.Transformer advice(Class<?> enter, Class<?> exit,
            ElementMatcher<? super MethodDescription> methods) {
        Advice compiled = Advice.to(enter, exit);
        return (builder, type, loader, module, domain) -> builder.visit(compiled.on(methods));
    }

    /** A transformer that inlines {@code advice} into the methods {@code methods} selects. */
    static AgentBuilder.Transformer advice(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> builder.visit(compiled.on(methods));
    }
}
