package dev.tenantguard.agent.tooling;

import net.bytebuddy.agent.builder.AgentBuilder;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Byte Buddy plumbing shared by the instrumentation classes. */
public final class Transformers {
    /** The classes whose missing library member was said on stderr already. */
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

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
     * has no method {@code methods} selects, or the library lacks one of the members the agent reads
     * its objects through ({@code reads}: checked now, from its class files, not at the first call),
     * nothing can be checked there: its constructors are refused in {@code enforce} and reported once
     * in {@code report} ({@link UnverifiedLibrary}), whatever {@code onError} says, and a line on
     * stderr says so as the class loads, instead of enforcement silently missing.
     *
     * @param family  the family that checks the library ({@code http}, {@code redis}, {@code messaging})
     * @param library the library's name as users know it (e.g. {@code OkHttp})
     * @param reads   what the family's adapter reads from the library's objects
     */
    public static AgentBuilder.Transformer adviceOrRefuse(String family, Class<?> advice,
            ElementMatcher<? super MethodDescription> methods, String library, LibraryMembers reads) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> {
            if (type.getDeclaredMethods().filter(methods).isEmpty()) {
                return builder.visit(refused(family, library, type, domain));
            }
            AsmVisitorWrapper refusal = refusedIfMissing(family, library, reads, type, loader, domain);
            return builder.visit(refusal != null ? refusal : compiled.on(methods));
        };
    }

    /**
     * The refusal of {@code type}'s constructors when the library seen from {@code loader} lacks one of
     * {@code reads} (said on stderr, naming the member and the library's jar and version); {@code null}
     * when it has them all, or when the loader serves no class files to check (said on stderr).
     */
    public static AsmVisitorWrapper refusedIfMissing(String family, String library, LibraryMembers reads,
            TypeDescription type, ClassLoader loader, ProtectionDomain domain) {
        if (reads.members().isEmpty()) {
            return null;
        }
        if (!MemberCheck.servesClassFile(loader, type.getName())) {
            // no class files to read: refusing a library that may well be complete would be a false alarm;
            // what the agent reads is then found at the first call, where onError decides
            System.err.println("tenant-guard: " + type.getName() + " (" + UnverifiedLibrary.origin(domain) + "): its"
                    + " class loader serves no class files, so what the agent reads from " + library + " is checked at"
                    + " its first call (onError decides if it is missing)");
            return null;
        }
        String missing = reads.firstMissingIn(loader);
        if (missing == null) {
            return null;
        }
        String origin = UnverifiedLibrary.origin(domain);
        if (SAID.add(type.getName() + " (" + origin + ")")) { // once, where two advices of one class check the same library
            System.err.println("tenant-guard: " + type.getName() + " (" + origin + "): this version of " + library
                    + " has no " + missing + ", which the agent reads its calls through: " + library + " cannot be"
                    + " checked with this version of the library; its use is refused while " + family + " enforces and"
                    + " reported once while it reports");
        }
        return UnverifiedLibrary.refusal(family, type, origin, "this version of " + library + " has no " + missing
                + ", which the agent reads its calls through, so its calls cannot be checked");
    }

    /**
     * The refusal of {@code type}'s constructors, for a class of {@code library} that lacks the method
     * the agent checks it at; says so on stderr.
     */
    public static AsmVisitorWrapper refused(String family, String library,
            TypeDescription type, ProtectionDomain domain) {
        String origin = UnverifiedLibrary.origin(domain);
        System.err.println("tenant-guard: " + type.getName() + " (" + origin
                + ") has no method the agent expects: " + library + " cannot be checked with this version of the"
                + " library; its use is refused while " + family + " enforces and reported once while it reports");
        return UnverifiedLibrary.refusal(family, type, origin, "this version of " + library
                + " has no method the agent checks it at, so its calls cannot be checked");
    }

    /** A transformer that inlines {@code advice} into the methods {@code methods} selects. */
    public static AgentBuilder.Transformer advice(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        Advice compiled = Advice.to(advice);
        return (builder, type, loader, module, domain) -> builder.visit(compiled.on(methods));
    }
}
