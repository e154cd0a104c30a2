package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The tenant API itself: reading the tenant (what every guarded call does once) and opening and
 * closing a scope (what a request does once). Without the agent it is a plain per-thread holder;
 * with it, the bootstrap copy, and {@code open} also validates the id against
 * {@code tenant.pattern} (skipped when it is the id this thread last opened).
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContextBenchmark {
    private TenantScope outer;

    /** A tenant already current, as on a request thread: {@code current()} reads a real value. */
    @Setup(Level.Trial)
    public void setUp() {
        outer = TenantContext.open(BenchFixture.TENANT);
        boolean bootstrapCopy = TenantContext.class.getClassLoader() == null;
        if (bootstrapCopy != ArmCheck.tenantGuard()) {
            throw new IllegalStateException(BenchArm.current().id + ": TenantContext is "
                    + (bootstrapCopy ? "" : "not ") + "the agent's bootstrap copy");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (outer != null) {
            outer.close();
        }
    }

    /**
     * The tenant is entered for each iteration, inside the task JMH runs it in: with the agent's
     * context propagation, a scope still open when a pool task ends is a context leak and the worker
     * is put back clean, so a scope held from the trial's set-up would be gone from the second
     * iteration on. The trial's set-up keeps its scope for the first iteration.
     */
    @Setup(Level.Iteration)
    public void enterTenant() {
        if (outer == null) {
            outer = TenantContext.open(BenchFixture.TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        outer.close();
        outer = null;
    }

    @Benchmark
    public String current() {
        return TenantContext.current();
    }

    @Benchmark
    public TenantScope openClose() {
        TenantScope scope = TenantContext.open(BenchFixture.TENANT);
        scope.close();
        return scope;
    }
}
