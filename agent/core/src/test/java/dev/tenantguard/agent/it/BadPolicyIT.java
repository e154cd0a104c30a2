package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoutesApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad policy stops the JVM at start, naming file, line and key; the application never runs. */
class BadPolicyIT {
    private static final int EXIT_BAD_POLICY = 78;

    @TempDir
    Path root;

    @Test
    void unknownKey() throws Exception {
        assertStopped(policy("mode: enforce\nfiles:\n  rulez:\n    - /srv/{tenant}/**\n"), "", ":3", "files.rulez");
    }

    @Test
    void wrongType() throws Exception {
        assertStopped(policy("mode: enforce\nreport:\n  stackDepth: many\n"), "", ":3", "report.stackDepth");
    }

    @Test
    void ruleWithoutTenant() throws Exception {
        assertStopped(policy("files:\n  rules:\n    - /srv/{tenant}/**\n    - /srv/shared/**\n"), "", ":4",
                "files.rules");
    }

    @Test
    void badModeValue() throws Exception {
        assertStopped(policy("mode: enforcing\n"), "", ":1", "mode");
    }

    @Test
    void unreadableFile() throws Exception {
        Path missing = root.resolve("no-such-policy.yaml");
        ForkedJvm.Result result = start("config=" + missing, Map.of());
        assertEquals(EXIT_BAD_POLICY, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains(missing.toString()), result.stderr());
        assertFalse(result.stdout().contains("STEP"), "the application must not run:\n" + result);
    }

    @Test
    void badValueFromTheEnvironmentNamesTheVariable() throws Exception {
        Path good = policy("mode: enforce\n");
        ForkedJvm.Result result = start("config=" + good, Map.of("TENANTGUARD_MODE", "maybe"));
        assertEquals(EXIT_BAD_POLICY, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("TENANTGUARD_MODE"), result.stderr());
    }

    private Path policy(String yaml) throws Exception {
        return Files.writeString(root.resolve("tenant-guard.yaml"), yaml);
    }

    private void assertStopped(Path policy, String options, String line, String key) throws Exception {
        ForkedJvm.Result result = start("config=" + policy + options, Map.of());
        assertEquals(EXIT_BAD_POLICY, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains(policy + line), "file and line expected in:\n" + result.stderr());
        assertTrue(result.stderr().contains("'" + key + "'"), "key expected in:\n" + result.stderr());
        assertFalse(result.stdout().contains("STEP"), "the application must not run:\n" + result);
    }

    private ForkedJvm.Result start(String options, Map<String, String> environment) throws Exception {
        return ForkedJvm.run(root, options, List.of(), environment, FileRoutesApp.class.getName(),
                List.of("FILE_INPUT_STREAM|-|" + root.resolve("x") + "||plain"));
    }
}
