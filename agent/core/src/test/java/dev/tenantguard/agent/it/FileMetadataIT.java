package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoutesApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code files.metadata}: on by default, reading another tenant's file metadata (existence, size,
 * attributes, a link's target) is a crossing; switched off, only those reads pass — a change of
 * metadata (permissions, owner, times) stays a WRITE. Temporary files in another tenant's folder are
 * WRITEs on both routes.
 */
class FileMetadataIT {
    @TempDir
    Path root;
    Path secret;

    @BeforeEach
    void files() throws Exception {
        PolicyFiles.write(root, "enforce", "");
        secret = Files.writeString(root.resolve("tenants/globex/secret.txt"), "globex");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(root.resolve("tenants/globex/link"), Path.of("secret.txt"));
    }

    private List<String> steps() {
        return List.of(
                "FILES_READ_SYMBOLIC_LINK|acme|tenants/globex/link||plain",
                "FILE_EXISTS|acme|tenants/globex/secret.txt||plain",
                "FILES_SIZE|acme|tenants/globex/secret.txt||plain",
                "FILES_SET_POSIX_PERMISSIONS|acme|tenants/globex/secret.txt||plain",
                "FILE_CREATE_TEMP_FILE|acme|tenants/globex||plain",
                "FILES_CREATE_TEMP_DIRECTORY|acme|tenants/globex||plain",
                "FILES_EXISTS|acme|tenants/acme||plain",
                "FILES_SET_OWNER|acme|tenants/globex/secret.txt||plain");
    }

    @Test
    void metadataOfAnotherTenantsFileIsACrossingByDefault() throws Exception {
        ForkedJvm.Result result = run(root.resolve("tenant-guard.yaml"));

        assertTrue(result.step(0).startsWith("BLOCKED CROSS_TENANT tenant acme tried to METADATA " + root
                + "/tenants/globex/link owned by tenant globex"), result.toString());
        for (int step = 1; step <= 5; step++) {
            assertTrue(result.step(step).startsWith("BLOCKED CROSS_TENANT tenant acme tried to "), result.toString());
        }
        assertTrue(result.step(3).contains("tried to WRITE"), result.step(3));
        assertEquals("OK", result.step(6), result.toString());
        assertTrue(result.step(7).startsWith("BLOCKED CROSS_TENANT tenant acme tried to WRITE"), result.step(7));
        assertUnchanged();
    }

    @Test
    void switchedOffOnlyMetadataReadsPass() throws Exception {
        Path policy = PolicyFiles.write(root, "enforce", "");
        Files.writeString(policy, Files.readString(policy).replace("files:\n", "files:\n  metadata: false\n"));
        ForkedJvm.Result result = run(policy);

        assertEquals("OK", result.step(0), result.toString());
        assertEquals("OK", result.step(1), result.toString());
        assertEquals("OK", result.step(2), result.toString());
        for (int step = 3; step <= 5; step++) {
            assertTrue(result.step(step).startsWith("BLOCKED CROSS_TENANT tenant acme tried to WRITE"), result.toString());
        }
        assertTrue(result.step(7).startsWith("BLOCKED CROSS_TENANT tenant acme tried to WRITE"), "a change of owner is a"
                + " write, whatever files.metadata says: " + result.step(7));
        assertUnchanged();
    }

    private void assertUnchanged() throws Exception {
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        try (var entries = Files.list(root.resolve("tenants/globex"))) {
            assertEquals(2, entries.count(), "a blocked temporary file or folder was made");
        }
    }

    private ForkedJvm.Result run(Path policy) throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), steps());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
