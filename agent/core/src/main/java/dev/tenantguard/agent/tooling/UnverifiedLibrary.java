package dev.tenantguard.agent.tooling;

import dev.tenantguard.internal.AgentErrors;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * A library class the agent matched whose version lacks the method the agent checks the library at:
 * its calls cannot be verified. Rather than leave the library unguarded, every constructor of the
 * class asks {@link AgentErrors#unverifiedLibrary} — refused in {@code enforce}, reported once in
 * {@code report} — so no object of it can be used unchecked while its family enforces.
 */
final class UnverifiedLibrary {
    private UnverifiedLibrary() {
    }

    /**
     * The refusal woven into every constructor of {@code type}, with the sentence that names the
     * library, the class and where it was loaded from (its jar: the version the application uses).
     */
    static AsmVisitorWrapper refusal(String family, String library, TypeDescription type, ProtectionDomain domain) {
        String resource = type.getName() + " (" + origin(domain) + ")";
        String reason = "this version of " + library + " has no method the agent checks it at, so its calls"
                + " cannot be checked";
        return Advice.withCustomMapping().bind(Family.class, family).bind(Resource.class, resource)
                .bind(Reason.class, reason).to(Refuse.class).on(ElementMatchers.isConstructor());
    }

    /** The jar (or folder) the class was loaded from, by its file name: it names the version. */
    static String origin(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return "unknown location";
        }
        String path = location.getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Family {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Resource {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Reason {
    }

    /** Entered before the constructor's body (and its super call): a refusal leaves no object behind. */
    static final class Refuse {
        @Advice.OnMethodEnter
        static void enter(@Family String family, @Resource String resource, @Reason String reason) {
            AgentErrors.unverifiedLibrary(family, resource, reason);
        }
    }
}
