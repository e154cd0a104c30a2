package dev.tenantguard.junit.sample;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.junit.TenantGuarded;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A policy of its own name, so the agent can only be attached when this class starts — but loading
 * the class already loaded {@link TenantBoundaryViolation} (the verifier checks the catch). The
 * class must fail with the reason and the fix, not run unguarded.
 */
@TenantGuarded(policy = "tenant-guard-named.yaml")
class ApiFirstSample {
    @Test
    void swallowsTheBlockedRead() {
        TenantContext.run("acme", () -> {
            try {
                Files.readString(Path.of("tenants/globex/invoice.txt"));
            } catch (TenantBoundaryViolation ignored) {
                // swallowed
            } catch (Exception ignored) {
                // swallowed
            }
        });
    }
}
