package dev.tenantguard.junit.sample;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.junit.TenantGuardExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Code under test that swallows the exception the agent throws in {@code enforce} mode; the
 * extension with the default policy resource (enforce mode). Loading this class loads
 * {@link TenantBoundaryViolation} (the verifier checks the catch), so the agent must be attached
 * before the class loads: the default policy makes that happen when the test run starts.
 */
@ExtendWith(TenantGuardExtension.class)
class SwallowingSample {
    @Test
    void swallowsTheBlockedRead() {
        TenantContext.run("acme", () -> {
            try {
                Files.readString(Path.of("tenants/globex/invoice.txt"));
            } catch (TenantBoundaryViolation ignored) {
                // a careless catch: the test would pass without the extension
            } catch (Exception ignored) {
                // a careless catch-all: the test would pass without the extension
            }
        });
    }

    @Test
    void deletesItsOwnFile() throws Exception {
        TenantContext.call("acme", () -> Files.deleteIfExists(Path.of("tenants/acme/old.txt")));
    }
}
