package dev.tenantguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.stack.StackProbe;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.Baseline;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In {@code enforce}, a violation at a call site of the baseline is let through as KNOWN; a new one is blocked. */
class BaselineEnforcementTest {
    @TempDir
    Path dir;

    @Test
    void knownCallSitesPassAndNewOnesAreBlocked() throws IOException {
        Path file = Files.writeString(dir.resolve("baseline.txt"), "UNSCOPED_QUERY jdbc com.example.stack.StackProbe.run\n");
        CollectingSink sink = new CollectingSink();
        BoundaryEnforcer enforcer = new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()),
                NoTenantResponse.ENFORCE, 12, FamilyModes.none(), Baseline.read(file));

        StackProbe.run(() -> enforcer.violation(Mode.ENFORCE, ViolationKind.UNSCOPED_QUERY, "jdbc", "UPDATE", "orders",
                null, "acme", "orders in the UPDATE is not restricted by tenant_id", "UPDATE orders SET x = 1"));
        assertThrows(TenantBoundaryViolation.class, () -> StackProbe.call(() -> {
            enforcer.violation(Mode.ENFORCE, ViolationKind.UNSCOPED_QUERY, "jdbc", "UPDATE", "orders", null, "acme",
                    "orders in the UPDATE is not restricted by tenant_id", "UPDATE orders SET x = 2");
            return null;
        }));
        assertThrows(TenantBoundaryViolation.class, () -> StackProbe.run(() -> enforcer.violation(Mode.ENFORCE,
                ViolationKind.CROSS_TENANT, "jdbc", "SELECT", "orders", "globex", "acme", "jdbc.column tenant_id", "SELECT 1")),
                "another kind at a known call site is new");

        List<String> actions = sink.writes().stream().map(w -> w.event().action()).toList();
        assertEquals(List.of("KNOWN", "BLOCKED", "BLOCKED"), actions);
    }
}
