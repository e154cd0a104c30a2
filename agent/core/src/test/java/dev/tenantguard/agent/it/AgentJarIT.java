package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The shaded jar holds only the agent's own packages, and the manifest an agent needs. */
class AgentJarIT {

    @Test
    void holdsOnlyItsOwnPackagesAndMetaInf() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            List<String> foreign = jar.stream().map(e -> e.getName())
                    .filter(name -> !name.startsWith("dev/tenantguard/") && !name.startsWith("META-INF/")
                            && !name.equals("dev/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), foreign, "entries outside dev/tenantguard/** and META-INF/**");
            assertTrue(jar.getEntry("dev/tenantguard/shaded/bytebuddy/ByteBuddy.class") != null, "Byte Buddy relocated");
            assertTrue(jar.getEntry("dev/tenantguard/api/TenantContext.class") != null, "the API is inside");
        }
    }

    /**
     * The jar the agent writes out for the bootstrap class path at start (BootstrapJar): every API
     * and bootstrap class and nothing else, entries stored so the bootstrap loader need not inflate.
     */
    @Test
    void holdsTheBootstrapClassesAsAStoredJarOfTheirOwn() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            List<String> expected = jar.stream().map(e -> e.getName())
                    .filter(name -> name.endsWith(".class")
                            && (name.startsWith("dev/tenantguard/api/") || name.startsWith("dev/tenantguard/internal/")))
                    .sorted().collect(Collectors.toList());
            JarEntry nested = jar.getJarEntry("dev/tenantguard/agent/tenant-guard-bootstrap.jar");
            assertNotNull(nested, "the bootstrap jar is inside");
            List<String> names = new ArrayList<>();
            try (JarInputStream in = new JarInputStream(jar.getInputStream(nested))) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName() + " is compressed");
                    names.add(entry.getName());
                }
            }
            Collections.sort(names);
            assertTrue(expected.size() > 10, "API and bootstrap classes in the agent jar: " + expected);
            assertEquals(expected, names);
        }
    }

    @Test
    void manifestDeclaresTheAgent() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.tenantguard.agent.AgentMain", main.getValue("Premain-Class"));
            assertEquals("dev.tenantguard.agent.AgentMain", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("true", main.getValue("Can-Redefine-Classes"));
        }
    }
}
