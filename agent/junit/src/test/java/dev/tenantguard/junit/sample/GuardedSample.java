package dev.tenantguard.junit.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.junit.TenantGuarded;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A user's test class under the extension, run by {@code TenantGuardExtensionTest} in a JVM of its
 * own (not by the build: its name matches no test pattern). The policy is in {@code report} mode.
 */
@TenantGuarded(policy = "tenant-guard-test.yaml")
class GuardedSample {
    @Test
    void readsItsOwnTenantsFile() throws Exception {
        assertEquals("acme invoice", TenantContext.call("acme", () -> Files.readString(Path.of("tenants/acme/invoice.txt"))));
    }

    @Test
    @DisplayName("export reads another tenant's invoice")
    void readsAnotherTenantsFile() throws Exception {
        // report mode: the read succeeds, nothing is thrown; only the extension can fail this test
        assertEquals("globex invoice",
                TenantContext.call("acme", () -> Files.readString(Path.of("tenants/globex/invoice.txt"))));
    }

    @Test
    void listsItsOwnFolder() throws Exception {
        try (var files = TenantContext.call("acme", () -> Files.list(Path.of("tenants/acme")))) {
            assertEquals(1, files.count());
        }
    }
}
