package dev.tenantguard.agent.tooling;

import dev.tenantguard.internal.AgentErrors;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * A library class the agent matched whose version lacks the method the agent checks the library at,
 * or a member the agent reads the library's objects through: its calls cannot be verified. Rather than leave the library unguarded, every constructor of the
 * class asks {@link AgentErrors#unverifiedLibrary} — refused in {@code enforce}, reported once in
 * {@code report} — so no object of it can be used unchecked while its family enforces.
 */
final class UnverifiedLibrary {
    private UnverifiedLibrary() {
    }

    /**
     * The refusal woven into every constructor of {@code type}, with the sentence {@code reason}; the
     * resource names the class and where it was loaded from ({@link #origin}: the version the
     * application uses).
     */
    static AsmVisitorWrapper refusal(String family, TypeDescription type, String origin, String reason) {
        String resource = type.getName() + " (" + origin + ")";
        return Advice.withCustomMapping().bind(Family.class, family).bind(Resource.class, resource)
                .bind(Reason.class, reason).to(Refuse.class).on(ElementMatchers.isConstructor());
    }

    /**
     * The jar (or folder) the class was loaded from, by its file name, and the version its manifest
     * states when it states one ({@code okhttp-4.12.0.jar, version 4.12.0}).
     */
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
        String name = path.substring(path.lastIndexOf('/') + 1);
        String version = manifestVersion(location);
        return version == null ? name : name + ", version " + version;
    }

    /** {@code Implementation-Version}, else {@code Bundle-Version}, of a jar's manifest; {@code null} when none is read. */
    private static String manifestVersion(URL location) {
        if (!"file".equals(location.getProtocol()) || !location.getPath().endsWith(".jar")) {
            return null;
        }
        try (JarFile jar = new JarFile(new File(location.toURI()), false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return null;
            }
            Attributes main = manifest.getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version != null ? version : main.getValue("Bundle-Version");
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null; // the jar's name still says where the class came from
        }
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
