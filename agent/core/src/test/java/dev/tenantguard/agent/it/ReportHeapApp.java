package dev.tenantguard.agent.it;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.ViolationKind;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The report path under load, in a JVM of its own: 1,000,000 distinct violations — each with its own
 * call site, tenants, rule and SQL text — recorded in {@code report} mode, as the checkers record
 * them ({@link BoundaryEnforcer#violation}, with its stack walk, for one in ten; straight to the
 * reporter with a call site of its own for the rest). Prints the heap retained after a full
 * collection after the first 100,000 and after all of them: {@code HEAP <after 100k> <after 1M>}
 * in bytes. Argument: the JSONL report file.
 */
public final class ReportHeapApp {
    private static final int TOTAL = 1_000_000;
    private static final int FIRST = 100_000;

    private ReportHeapApp() {
    }

    public static void main(String[] args) throws Exception {
        ViolationReporter reporter = ViolationReporter.create(Path.of(args[0]), false);
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(List.of()),
                NoTenantResponse.ENFORCE, 12);
        long afterFirst = 0;
        for (int i = 0; i < TOTAL; i++) {
            String active = "tenant" + i;
            String owner = "owner" + (i + 1);
            String sql = "SELECT * FROM orders WHERE id = " + i;
            if (i % 10 == 0) {
                enforcer.violation(Mode.REPORT, ViolationKind.UNSCOPED_QUERY, "jdbc", "SELECT", "orders", owner, active,
                        "no tenant_id restriction on orders (statement " + i + ")", sql);
            } else {
                String site = "com.example.generated.Service" + i + ".handle(Service" + i + ".java:" + (i % 5000) + ")";
                reporter.record(new ViolationEvent(Instant.now(), "CROSS_TENANT", "files", "READ",
                        "/srv/tenants/" + owner + "/" + i, owner, active, "/srv/tenants/{tenant}/**", "REPORTED",
                        "main", site, List.of(site), "tenant " + active + " tried to read a file of " + owner, sql));
            }
            if (i + 1 == FIRST) {
                afterFirst = retained();
            }
        }
        long afterAll = retained();
        System.out.println("HEAP " + afterFirst + " " + afterAll + " untracked " + reporter.untracked());
        reporter.close();
    }

    private static long retained() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
