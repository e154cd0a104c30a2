package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoutesApp;
import dev.tenantguard.testkit.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.observe: true} under the real agent jar, in enforce mode: what a tenant did and was
 * allowed is observed (a folder per tenant under a rule and under none), what was blocked, done in a
 * privileged scope or without a tenant, or names the tenant only inside a file name, is not; the
 * observations file is beside the violations file when the JVM ends.
 */
class ObserveIT {
    @TempDir
    Path root;

    @Test
    void allowedOperationsAsATenantAreObservedAndNothingElse() throws Exception {
        Path policy = PolicyFiles.write(root, "enforce", "  observe: true\n");
        Files.writeString(root.resolve("tenants/acme/a.txt"), "a");
        Files.writeString(root.resolve("tenants/globex/g.txt"), "g");
        Files.createDirectories(root.resolve("tenants/globex/acme"));
        Files.createDirectories(root.resolve("exports/globex"));
        Files.createDirectories(root.resolve("exports/acme"));
        Files.writeString(root.resolve("exports/acme/old.csv"), "o");
        Files.createDirectories(root.resolve("shared"));
        Files.writeString(root.resolve("shared/notes-acme.csv"), "s");
        List<String> steps = List.of(
                "FILES_READ_ALL_BYTES|acme|" + root.resolve("tenants/acme/a.txt") + "||plain",
                "FILES_READ_ALL_BYTES|acme|" + root.resolve("tenants/globex/g.txt") + "||plain",
                "FILE_OUTPUT_STREAM|globex|" + root.resolve("exports/globex/x.csv") + "||plain",
                "FILES_READ_ALL_BYTES|acme|" + root.resolve("shared/notes-acme.csv") + "||plain",
                "FILES_READ_ALL_BYTES|acme|" + root.resolve("exports/acme/old.csv") + "||privileged",
                "FILES_READ_ALL_BYTES|-|" + root.resolve("exports/acme/old.csv") + "||plain",
                // blocked: under globex's folder, though a segment names acme
                "FILE_OUTPUT_STREAM|acme|" + root.resolve("tenants/globex/acme/x.csv") + "||plain");

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), steps);

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("OK", result.step(0), result.toString());
        assertTrue(result.step(1).startsWith("BLOCKED CROSS_TENANT"), result.toString());
        assertTrue(result.step(6).startsWith("BLOCKED CROSS_TENANT"), result.toString());
        assertTrue(Files.notExists(root.resolve("tenants/globex/acme/x.csv")), "a blocked write left a file");
        for (int i = 2; i < 6; i++) {
            assertEquals("OK", result.step(i), result.toString());
        }
        Path observations = root.resolve("violations-observations.jsonl");
        TreeSet<String> observed = new TreeSet<>();
        for (Map<String, Object> o : JsonLines.read(observations)) {
            observed.add(o.get("family") + " " + o.get("rule") + " " + o.get("tenant") + " " + o.get("operation"));
        }
        assertEquals(new TreeSet<>(List.of(
                "files " + root.resolve("tenants") + "/{tenant}/** acme READ",
                "files " + root.resolve("exports") + "/{tenant}/** globex WRITE")), observed, result.toString());
        assertTrue(result.toString().contains("observing what the tenants touch, for suggest: " + observations),
                "the start line names the observations file\n" + result);
    }
}
