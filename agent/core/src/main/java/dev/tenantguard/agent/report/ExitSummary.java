package dev.tenantguard.agent.report;

import dev.tenantguard.agent.config.Policy;
import java.io.PrintStream;
import java.util.List;

/** The table printed at exit: every distinct violation with its count, then the privileged scopes entered. */
public final class ExitSummary {
    // the widest kinds (UNSCOPED_QUERY, INVALID_TENANT) are 14 characters; NOT_VERIFIED is 12
    private static final String ROW = "  %-14s %-8s %-7s %6s  %-34s %s%n";

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
        if (Policy.JSONL_STDOUT.equals(policy.reportJsonl())) {
            text.append("; each one as a JSON line on standard output");
        } else if (policy.reportJsonl() != null && !JsonlSink.failed(java.nio.file.Path.of(policy.reportJsonl()))) {
            text.append("; each one in ").append(policy.reportJsonl());
        } else if (policy.reportJsonl() != null) {
            // never send the reader to a file that could not be written (the reason was printed then)
            text.append("; the JSONL report could not be written, each one is in the log");
        }
        text.append('\n');
        if (reporter.untracked() > 0) {
            text.append("tenant-guard: ").append(reporter.untracked()).append(" more beyond ")
                    .append(ViolationReporter.MAX_ENTRIES).append(" distinct violations, each reported on its own")
                    .append(" and not in this table\n");
        }
        if (sites > 0) {
            text.append(String.format(ROW, "kind", "action", "op", "count", "tenant -> owner", "call site"));
        }
        for (ViolationReporter.Summary row : rows) {
            ViolationEvent e = row.event();
            if (!e.isAudit()) {
                text.append(String.format(ROW, e.kind(), e.action(), e.operation(), row.count(),
                        String.join(", ", row.tenants()), e.callSite()));
            }
        }
        for (ViolationReporter.Summary row : rows) {
            ViolationEvent e = row.event();
            if (e.isAudit()) {
                text.append("tenant-guard: privileged scope \"").append(e.rule()).append("\" entered ")
                        .append(row.count()).append(row.count() == 1 ? " time" : " times").append(" at ")
                        .append(e.callSite()).append('\n');
            }
        }
        out.print(text);
        out.flush();
    }
}
