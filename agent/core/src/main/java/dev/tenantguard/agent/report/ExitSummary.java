package dev.tenantguard.agent.report;

import dev.tenantguard.agent.config.Policy;
import java.io.PrintStream;
import java.util.List;

/** The table printed at exit: every distinct violation and audit event with its count. */
public final class ExitSummary {
    private ExitSummary() {
    }

    public static void print(ViolationReporter reporter, Policy policy, PrintStream out) {
        List<ViolationReporter.Summary> rows = reporter.summary();
        if (rows.isEmpty()) {
            return;
        }
        long violations = 0;
        long sites = 0;
        for (ViolationReporter.Summary row : rows) {
            if (!row.event().isAudit()) {
                violations += row.count();
                sites++;
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("tenant-guard: ").append(violations).append(violations == 1 ? " violation" : " violations")
                .append(" at ").append(sites).append(sites == 1 ? " call site" : " call sites");
        if (policy.reportJsonl() != null) {
            text.append("; details in ").append(policy.reportJsonl());
        }
        text.append('\n');
        text.append(String.format("  %-13s %-8s %-7s %6s  %-23s %s%n", "kind", "action", "op", "count", "tenant -> owner",
                "call site / resource"));
        for (ViolationReporter.Summary row : rows) {
            ViolationEvent e = row.event();
            String tenants = e.isAudit() ? "\"" + e.rule() + "\""
                    : (e.activeTenant() == null ? "(none)" : e.activeTenant()) + " -> " + e.resourceTenant();
            text.append(String.format("  %-13s %-8s %-7s %6d  %-23s %s%n", e.kind(), e.action(), e.operation(),
                    row.count(), tenants, e.callSite()));
            if (e.resource() != null) {
                text.append(String.format("  %62s%s%n", "", e.resource()));
            }
        }
        out.print(text);
        out.flush();
    }
}
