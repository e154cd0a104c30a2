package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
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
