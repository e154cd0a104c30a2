package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * A select by primary key on H2 in memory, about the cheapest query a JDBC driver runs: what an
 * agent adds (analysis lookup at prepare, tenant bind check, execute check; a span) is not hidden
 * behind network or disk.
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.TG_REPORT, BenchArm.OTEL})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H2SelectBenchmark {
    private Connection connection;
    private PreparedStatement preparedOnce;
    private TenantScope scope;
    private AutoCloseable parentSpan;
    private String tenant;
    private int key;

    /** On the benchmark thread (thread-scoped state), so acme is current in the benchmark methods. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // "jdbc:h2:mem:" is a private database of this connection, gone when it closes.
        connection = DriverManager.getConnection("jdbc:h2:mem:");
        TenantOrders.create(connection);
        scope = TenantContext.open(BenchFixture.TENANT);
        TenantOrders.checkGuarded(connection);
        parentSpan = OtelProbe.parentSpanIfTraced();
        checkTraced();
        tenant = TenantOrders.measuredTenant();
        key = TenantOrders.firstKey();
        preparedOnce = connection.prepareStatement(TenantOrders.SELECT_BY_KEY);
    }

    /** An H2 function reports the span current while H2 executes the statement. */
    private void checkTraced() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE ALIAS IF NOT EXISTS TG_BENCH_SPAN FOR '" + OtelProbe.class.getName() + ".currentSpanId'");
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT TG_BENCH_SPAN()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            OtelProbe.checkTraced("an H2 select", rows.getString(1), OtelProbe.currentSpanId());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        preparedOnce.close();
        connection.close();
        parentSpan.close();
        if (scope != null) {
            scope.close();
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
        if (scope == null) {
            scope = TenantContext.open(BenchFixture.TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        scope.close();
        scope = null;
    }

    /** Prepare, bind, execute, read, close: an application that prepares per query. */
    @Benchmark
    public String preparedSelectByKey() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TenantOrders.SELECT_BY_KEY)) {
            key = TenantOrders.nextKey(key);
            return TenantOrders.select(statement, tenant, key);
        }
    }

    /** Bind, execute, read on a statement prepared once: the cheapest JDBC path. */
    @Benchmark
    public String preparedOnceExecuteByKey() throws SQLException {
        key = TenantOrders.nextKey(key);
        return TenantOrders.select(preparedOnce, tenant, key);
    }
}
