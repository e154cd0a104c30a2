package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoutesApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths a naive matcher misses, the call with no tenant, privileged scopes and exempt
 * callers — under the real agent in enforce mode.
 */
class TraversalAndScopesIT {
    @TempDir
    Path root;
    Path policy;

    @BeforeEach
    void files() throws Exception {
        policy = PolicyFiles.write(root, "enforce", "");
        Files.writeString(root.resolve("tenants/acme/own.txt"), "acme");
        Files.writeString(root.resolve("tenants/globex/secret.txt"), "globex");
        Files.createDirectories(root.resolve("shared"));
        Files.writeString(root.resolve("shared/public.txt"), "everyone");
    }

    @Test
    void pathsAreNormalizedBeforeMatching() throws Exception {
        ForkedJvm.Result result = run(
                "FILES_READ_STRING|acme|tenants/acme/../globex/secret.txt||plain",
                "FILE_INPUT_STREAM|acme|" + root + "/tenants/./globex//secret.txt||plain",
                "FILE_INPUT_STREAM|acme|" + root + "/tenants/acme/../../tenants/globex/secret.txt||plain",
                "FILES_READ_STRING|acme|tenants/globex/secret.txt||plain",
                "FILE_INPUT_STREAM|acme|tenants/acme/../acme/own.txt||plain",
                "FILES_WRITE_STRING|acme|tenants/acme/../globex/secret.txt||plain");

        for (int step : new int[] {0, 1, 2, 3, 5}) {
            assertTrue(result.step(step).startsWith("BLOCKED CROSS_TENANT tenant acme tried to "), result.toString());
            assertTrue(result.step(step).contains(" " + root + "/tenants/globex/secret.txt owned by tenant globex"),
                    result.step(step));
        }
        assertEquals("OK", result.step(4));
        assertEquals("globex", Files.readString(root.resolve("tenants/globex/secret.txt")), "a blocked write wrote");
    }

    @Test
    void noTenantIsBlockedOnTenantFilesAndFreeElsewhere() throws Exception {
        ForkedJvm.Result result = run(
                "FILE_INPUT_STREAM|-|tenants/globex/secret.txt||plain",
                "FILES_DELETE|-|tenants/globex/secret.txt||plain",
                "FILE_INPUT_STREAM|-|shared/public.txt||plain",
                "FILE_INPUT_STREAM|acme|shared/public.txt||plain",
                "FILES_LIST|-|tenants||plain");

        assertTrue(result.step(0).startsWith("BLOCKED NO_TENANT code running with no tenant tried to READ"), result.toString());
        assertTrue(result.step(1).startsWith("BLOCKED NO_TENANT"), result.toString());
        assertTrue(Files.exists(root.resolve("tenants/globex/secret.txt")), "a blocked delete deleted");
        assertEquals("OK", result.step(2));
        assertEquals("OK", result.step(3));
        assertEquals("OK", result.step(4), "the folder holding all tenants belongs to none");
    }

    @Test
    void privilegedScopesAndExemptCallersMayCrossAndPrivilegedEntriesAreAudited() throws Exception {
        ForkedJvm.Result result = run(
                "FILE_INPUT_STREAM|acme|tenants/globex/secret.txt||privileged",
                "FILE_INPUT_STREAM|-|tenants/globex/secret.txt||privileged",
                "FILE_INPUT_STREAM|acme|tenants/globex/secret.txt||admin",
                "FILE_INPUT_STREAM|acme|tenants/globex/secret.txt||plain");

        assertEquals("OK", result.step(0), result.toString());
        assertEquals("OK", result.step(1), result.toString());
        assertEquals("OK", result.step(2), result.toString());
        assertTrue(result.step(3).startsWith("BLOCKED CROSS_TENANT"), "privilege ends with its scope: " + result);
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        List<String> audits = lines.stream().filter(l -> l.contains("\"kind\":\"PRIVILEGED\"")).toList();
        assertFalse(audits.isEmpty(), String.join("\n", lines));
        assertTrue(audits.get(0).contains("\"reason\":\"integration test: admin copy\""), audits.get(0));
        assertTrue(audits.get(0).contains("\"callSite\":\"com.example.probe.FileRoutesApp.wrapped(FileRoutesApp.java:"),
                audits.get(0));
        List<String> violations = lines.stream().filter(l -> l.contains("\"action\":\"BLOCKED\"")).toList();
        assertEquals(1, violations.size(), "only the plain crossing is a violation:\n" + String.join("\n", lines));
    }

    @Test
    void aTenantIdOutsideThePatternIsRefusedInEnforceAndRecordedInReport() throws Exception {
        ForkedJvm.Result enforce = run("FILE_INPUT_STREAM|Globex Corp|shared/public.txt||plain");
        assertEquals("BLOCKED INVALID_TENANT 'Globex Corp' is not a valid tenant id: it does not match "
                + "tenant.pattern [a-z0-9][a-z0-9_-]{0,62}", enforce.step(0), enforce.toString());

        ForkedJvm.Result report = ForkedJvm.run(root, "config=" + policy + ",mode=report", List.of(), Map.of(),
                FileRoutesApp.class.getName(), List.of("FILE_INPUT_STREAM|Globex Corp|shared/public.txt||plain"));
        assertEquals("OK", report.step(0), report.toString());
        assertTrue(Files.readString(PolicyFiles.jsonl(root)).contains("\"kind\":\"INVALID_TENANT\""));
    }

    private ForkedJvm.Result run(String... steps) throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), List.of(steps));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
