package dev.tenantguard.agent.tooling;

import net.bytebuddy.agent.builder.AgentBuilder;
import java.security.ProtectionDomain;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
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
     * As {@link #advice(Class, ElementMatcher)}, for a library that loads after start. When the class
     * has no method {@code methods} selects (another version of the library), nothing can be checked
     * there: its constructors are refused in {@code enforce} and reported once in {@code report}
     * ({@link UnverifiedLibrary}), and a line on stderr says so, instead of enforcement silently missing.
     *
     * @param family  the family that checks the library ({@code http}, {@code redis}, {@code messaging})
     * @param library the library's name as users know it (e.g. {@code OkHttp})
     */
    public static AgentBuilder.Transformer adviceOrRefuse(String family, Class<?> advice,
            ElementMatcher<? super MethodDescription> methods, String library) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> {
            if (type.getDeclaredMethods().filter(methods).isEmpty()) {
                return builder.visit(refused(family, library, type, domain));
            }
            return builder.visit(compiled.on(methods));
        };
    }

    /**
     * The refusal of {@code type}'s constructors, for a class of {@code library} that lacks the method
     * the agent checks it at; says so on stderr.
     */
    public static AsmVisitorWrapper refused(String family, String library,
            TypeDescription type, ProtectionDomain domain) {
        System.err.println("tenant-guard: " + type.getName() + " (" + UnverifiedLibrary.origin(domain)
                + ") has no method the agent expects: " + library + " cannot be checked with this version of the"
                + " library; its use is refused while " + family + " enforces and reported once while it reports");
        return UnverifiedLibrary.refusal(family, library, type, domain);
    }

    /** A transformer that inlines {@code advice} into the methods {@code methods} selects. */
    public static AgentBuilder.Transformer advice(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> builder.visit(compiled.on(methods));
    }
}
