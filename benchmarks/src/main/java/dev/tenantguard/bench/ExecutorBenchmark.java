package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Handing a task to another thread and waiting for it, with a tenant in context (and in the
 * OpenTelemetry arm a current span): what carrying the context across costs, for an agent that
 * carries it. Nothing here touches a tenant resource, so there is no deny path to measure.
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.OTEL})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExecutorBenchmark {
    private ExecutorService executor;
    private TenantScope scope;
    private AutoCloseable parentSpan;
    /** Fields, not lambdas per op: an allocation no agent makes would blur what the agent adds. */
    private final Callable<String> task = TenantContext::current;
    private final Supplier<String> supplier = TenantContext::current;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        java.nio.file.Path other = BenchFixture.fromSystemProperty().resolve(BenchFixture.OTHER_TENANT_FILE);
        scope = TenantContext.open(BenchFixture.TENANT);
        ArmCheck.crossing("opening a file", other.toString(), true, () -> {
            new java.io.FileInputStream(other.toFile()).close();
            return null;
        });
        parentSpan = OtelProbe.parentSpanIfTraced();
        String parent = OtelProbe.currentSpanId();
        String seen = executor.submit(OtelProbe::currentSpanId).get();
        if (BenchArm.current() == BenchArm.OTEL && !parent.equals(seen)) {
            throw new IllegalStateException("otel: the span did not reach the executor's thread");
        }
        // Context propagation is measured as it is: the line says whether the tenant travelled.
        System.out.println("# " + BenchArm.current().id + ": tenant on the executor's thread: "
                + executor.submit(task).get() + ", in supplyAsync: " + CompletableFuture.supplyAsync(supplier).join());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        parentSpan.close();
        if (scope != null) {
            scope.close();
        }
        executor.shutdownNow();
    }

    /**
     * The tenant is entered for each iteration, inside the task JMH runs it in: with the agent's
     * context propagation, a scope still open when a pool task ends is a context leak and the worker
     * is put back clean, so a scope held from the trial's set-up would be gone from the second
     * iteration on. The trial's set-up keeps its scope for the first iteration.
     */
    @Setup(Level.Iteration)
    public void enterTenant() {
        if (scope == null) {
            scope = TenantContext.open(BenchFixture.TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        scope.close();
        scope = null;
    }

    /** {@code executor.submit(task).get()} on a single-thread executor. */
    @Benchmark
    public String executorSubmitGet() throws Exception {
        return executor.submit(task).get();
    }

    /** {@code CompletableFuture.supplyAsync(supplier).join()} on the common pool. */
    @Benchmark
    public String completableFutureSupplyAsyncJoin() {
        return CompletableFuture.supplyAsync(supplier).join();
    }
}
