package dev.tenantguard.bench;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The report mode's deny path in process, for a violation that repeats (the common case in a
 * staging run: one bug, hit on every request): the reporter's dedup alone (count it, write nothing
 * new), and the whole handling of a crossing in report mode (call stack, event, dedup).
 */
@InArms(BenchArm.NO_AGENT)
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReporterDedupBenchmark {
    private Path dir;
    private ViolationReporter reporter;
    private BoundaryEnforcer enforcer;
    private ViolationEvent event;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("tg-bench-reporter");
        reporter = ViolationReporter.create(dir.resolve("violations.jsonl"), false);
        enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(List.of()), NoTenantResponse.REPORT, 12);
        String resource = "/srv/data/tenants/globex/invoice.txt";
        event = new ViolationEvent(Instant.now(), "CROSS_TENANT", "files", "READ", resource, "globex", "acme",
                "/srv/data/tenants/{tenant}/**", "REPORTED", "main", "com.example.Repo.read(Repo.java:42)",
                List.of("com.example.Repo.read(Repo.java:42)"), "tenant acme tried to READ " + resource);
        reporter.record(event);
        enforcerReportRepeat();
        if (reporter.summary().size() != 2) {
            throw new IllegalStateException("expected two distinct violations recorded, got " + reporter.summary());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reporter.close();
        BenchFixture.delete(dir);
    }

    /** A repeat of a recorded violation: found, counted, not written (one write per 10 s at most). */
    @Benchmark
    public ViolationReporter reporterRecordRepeat() {
        reporter.record(event);
        return reporter;
    }

    /** A crossing in report mode, from one call site: what the hook's deny path costs in all. */
    @Benchmark
    public BoundaryEnforcer enforcerReportRepeat() {
        enforcer.violation(Mode.REPORT, dev.tenantguard.api.ViolationKind.CROSS_TENANT, "files", "READ",
                "/srv/data/tenants/globex/invoice.txt", "globex", "acme", "/srv/data/tenants/{tenant}/**", null);
        return enforcer;
    }
}
