package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * The H2 select by key with its values written into the text, every text new: a service that does
 * not bind. The agent analyses the statement's shape once and compares each text's tenant literal.
 * In the report arm each text names another tenant's row: a crossing repeated at one call site with
 * other values, one violation of the statement's shape, counted.
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.TG_REPORT})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H2InlinedSelectBenchmark {
    private Connection connection;
    private TenantScope scope;
    private int key;
    /** Makes each text new. */
    private long textNumber;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:");
        TenantOrders.create(connection);
        scope = TenantContext.open(BenchFixture.TENANT);
        TenantOrders.checkGuarded(connection);
        key = TenantOrders.firstKey();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        if (scope != null) {
            scope.close();
        }
    }

    /** As in {@link H2SelectBenchmark}: the tenant entered per iteration, inside JMH's task. */
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

    @Benchmark
    public String inlinedLiteralsSelect() throws SQLException {
        key = TenantOrders.nextKey(key);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(TenantOrders.inlinedSelect(TenantOrders.measuredTenant(), key, ++textNumber))) {
            rows.next();
            return rows.getString(1);
        }
    }
}
