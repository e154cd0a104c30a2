package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * A prepared select by key on a real PostgreSQL server over loopback (127.0.0.1:5432, trust
 * authentication, database {@code test}, table {@code tg_bench_orders}): the query a service
 * really sends, with a network round trip the agent's cost is measured against.
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.TG_REPORT, BenchArm.OTEL})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PostgresSelectBenchmark {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private Connection connection;
    private PreparedStatement preparedOnce;
    private TenantScope scope;
    private AutoCloseable parentSpan;
    private String tenant;
    private int key;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        connection = connect(URL);
        TenantOrders.create(connection);
        scope = TenantContext.open(BenchFixture.TENANT);
        TenantOrders.checkGuarded(connection);
        parentSpan = OtelProbe.parentSpanIfTraced();
        checkTraced();
        tenant = TenantOrders.measuredTenant();
        key = TenantOrders.firstKey();
        preparedOnce = connection.prepareStatement(TenantOrders.SELECT_BY_KEY);
    }

    static Connection connect(String url) {
        try {
            return DriverManager.getConnection(url, USER, "");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for " + PostgresSelectBenchmark.class.getSimpleName()
                    + " at " + url + " (user " + USER + ", trust authentication, database test): " + e.getMessage()
                    + ". Start it, or leave this benchmark out with a benchmark regex.", e);
        }
    }

    /**
     * A connection whose socket notes the span current when the driver sends a statement: the
     * server cannot run Java, so the check looks at the client side of the call.
     */
    private static void checkTraced() throws SQLException {
        try (Connection probed = connect(URL + "?socketFactory=" + SpanProbeSocketFactory.class.getName());
                PreparedStatement statement = probed.prepareStatement(TenantOrders.SELECT_BY_KEY)) {
            SpanProbeSocketFactory.reset();
            TenantOrders.select(statement, BenchFixture.TENANT, 1);
            OtelProbe.checkTraced("a PostgreSQL select", SpanProbeSocketFactory.spanIdOnLastWrite(),
                    OtelProbe.currentSpanId());
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

    /** Prepare, bind, execute, read, close. */
    @Benchmark
    public String preparedSelectByKey() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TenantOrders.SELECT_BY_KEY)) {
            key = TenantOrders.nextKey(key);
            return TenantOrders.select(statement, tenant, key);
        }
    }
}
