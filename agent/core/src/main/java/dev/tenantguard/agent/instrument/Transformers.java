package dev.tenantguard.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Byte Buddy plumbing shared by the instrumentation classes. */
final class Transformers {
    private Transformers() {
    }

    /** A transformer that inlines {@code advice} into the methods {@code methods} selects. */
    static AgentBuilder.Transformer advice(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> builder.visit(compiled.on(methods));
    }
}
