package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.TamperApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent protects itself, under the real agent jar (its file self-test ran at start): application
 * code cannot reach a hook's guard by reflection (setAccessible, trySetAccessible, privateLookupIn),
 * install a checker, claim or read the agent's key, or write the thread state that decides checks
 * — for every family's guard and the error guard, in both modes — and afterwards a crossing is
 * still blocked (enforce) or let through (report). The seal does not touch the application's own
 * reflection nor the JDK's.
 */
class SelfProtectionIT {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"enforce", "report"})
    void applicationCodeCannotSwitchTheAgentOff(String mode) throws Exception {
        Path policy = PolicyFiles.write(root, mode, "");
        Files.writeString(root.resolve("tenants/acme/data.txt"), "acme");
        Files.writeString(root.resolve("tenants/globex/data.txt"), "globex");

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(), TamperApp.class.getName(),
                List.of(root.resolve("tenants").toString()));

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("tenant-guard: " + mode + " mode; files " + mode), result.toString());
        List<String> lines = result.stdout().lines().filter(l -> l.startsWith("STEP ")).toList();
        int index = 0;
        for (int hooks = 0; hooks < TamperApp.HOOKS.length; hooks++) {
            assertTrue(lines.get(index++).endsWith(": refused InaccessibleObjectException"), result.toString());
            assertTrue(lines.get(index++).endsWith(": refused SecurityException"), result.toString());
            assertTrue(lines.get(index++).endsWith(": refused SecurityException"), result.toString());
            assertTrue(lines.get(index++).endsWith(".install again: refused SecurityException"), result.toString());
        }
        assertEquals("ReflectionHooks.agentDomain setAccessible: refused InaccessibleObjectException", step(lines, index++));
        assertEquals("AgentKey.claim: refused SecurityException", step(lines, index++));
        assertEquals("AgentKey.KEY setAccessible: refused InaccessibleObjectException", step(lines, index++));
        assertEquals("FileHooks.probe: refused SecurityException", step(lines, index++));
        assertEquals("agent class field setAccessible: refused InaccessibleObjectException", step(lines, index++));
        assertEquals("ThreadState.busy setAccessible: refused InaccessibleObjectException", step(lines, index++));
        assertEquals("ThreadState.tenant setter: refused SecurityException", step(lines, index++));
        assertEquals("ThreadState.busy setter: refused SecurityException", step(lines, index++));
        assertEquals("enforce".equals(mode) ? "enforcement: own=OK other=BLOCKED acme" : "enforcement: own=OK other=READ",
                step(lines, index++));
        assertEquals("own reflection: opened mine", step(lines, index++));
        assertEquals("serialization: written", step(lines, index++));
        assertEquals(index, lines.size(), result.toString());
    }

    private static String step(List<String> lines, int index) {
        String line = lines.get(index);
        return line.substring(line.indexOf(' ', "STEP ".length()) + 1);
    }
}
