package dev.tenantguard.bench;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.files.FileAccessChecker;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.PathNormalizer;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.ThreadState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The file check's own logic, in process and without instrumentation: what the hook does for a
 * path — the pre-filter, and for a covered path the match and the tenant comparison — with 1 or
 * 100 rules. Separates the checker's cost from the JIT effects of inlined advice that the end to
 * end {@link FileIoBenchmark} includes.
 */
@InArms(BenchArm.NO_AGENT)
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PathCheckBenchmark {
    @Param({"1", "100"})
    public int rules;

    private PathRules pathRules;
    private FileAccessChecker checker;
    private static final String OWN = "/srv/data/tenants/acme/invoices/2026/11/invoice-0001.pdf";
    private static final String OUTSIDE = "/usr/lib/jvm/java-17-openjdk-amd64/lib/modules";
    /**
     * Two equal copies of each path, taken in turns: the real-path cache holds one of them, so a
     * lookup compares the text, as it does for an application that builds its paths (a cached
     * instance would be found by identity). Their hash codes are cached in the strings: a path
     * string built anew for a call also pays String.hashCode, a walk over its text.
     */
    private final String[] own = {new String(OWN), new String(OWN)};
    private final String[] outside = {new String(OUTSIDE), new String(OUTSIDE)};
    private int turn;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> patterns = new ArrayList<>();
        for (int i = 1; i < rules; i++) {
            patterns.add("/srv/other" + i + "/{tenant}/**");
        }
        patterns.add("/srv/data/tenants/{tenant}/**");
        pathRules = new PathRules(patterns, new PathNormalizer("/srv/app"));
        BoundaryEnforcer enforcer = new BoundaryEnforcer(ViolationReporter.create(null, false),
                new CallerPatterns(List.of()), NoTenantResponse.ENFORCE, 12);
        checker = new FileAccessChecker(pathRules, Mode.ENFORCE, enforcer);
        TenantContext.open("acme"); // no agent in this JVM: the scope stays open for the trial
    }

    /**
     * A path under a rule of the current tenant, as the hook sees it: pre-filter, normalize, match,
     * compare, and the real-path cache's answer that no link is on the way.
     */
    @Benchmark
    public boolean ownTenant() {
        String path = own[turn ^= 1];
        boolean covered = checker.coversFile(path);
        if (covered) {
            checker.check(path, FileOp.READ, ThreadState.current()); // the hook reads its thread's state only here
        }
        return covered;
    }

    /**
     * A path under no rule, as the hook sees it: the real-path cache's answer that, as spelled, it
     * is under no rule and has no link on the way (a link could lead from anywhere into a tenant's
     * folder); the thread's state and the check only when that answer is not known.
     */
    @Benchmark
    public boolean outsideRules() {
        String path = outside[turn ^= 1];
        boolean covered = checker.coversFile(path);
        if (covered) {
            checker.check(path, FileOp.READ, ThreadState.current());
        }
        return covered;
    }
}
