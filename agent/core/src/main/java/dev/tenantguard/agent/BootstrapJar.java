package dev.tenantguard.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the tenant context API and the hook entry points on the bootstrap class path, so advice
 * inlined into JDK classes can call them and the application's {@code TenantContext} is the very
 * class the advice reads. The classes are copied from the agent jar into a small temporary jar.
 */
final class BootstrapJar {
    private static final String[] PACKAGES = {"dev/tenantguard/api/", "dev/tenantguard/bootstrap/"};
    /** Once per JVM: an attach that failed after appending may be retried with a corrected policy. */
    private static boolean appended;

    private BootstrapJar() {
    }

    static synchronized void appendTo(Instrumentation instrumentation) throws IOException, URISyntaxException {
        if (appended) {
            return;
        }
        Path agentJar = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path bootstrapJar = Files.createTempFile("tenant-guard-bootstrap", ".jar");
        bootstrapJar.toFile().deleteOnExit();
        try (JarFile source = new JarFile(agentJar.toFile());
                OutputStream file = Files.newOutputStream(bootstrapJar);
                JarOutputStream target = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && isBootstrapClass(entry.getName())) {
                    target.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(target);
                    }
                    target.closeEntry();
                }
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(new File(bootstrapJar.toString())));
        appended = true;
    }

    private static boolean isBootstrapClass(String name) {
        for (String prefix : PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
