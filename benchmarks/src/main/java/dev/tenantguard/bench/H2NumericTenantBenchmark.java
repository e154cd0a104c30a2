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
 * The select of {@link H2SelectBenchmark} on a table whose tenant column is a {@code BIGINT}, the
 * tenant bound with {@code setLong}: the agent keeps the number unboxed in a field of the statement
 * and compares it digit by digit with the tenant id at execute, so {@code -prof gc} must show no
 * more bytes per operation than the agent-less arm.
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H2NumericTenantBenchmark {
    static final String TENANT = "7";
    static final long OWN = 7L;
    static final long OTHER = 8L;
    static final int ROWS_PER_TENANT = 50;
    static final String SELECT_BY_KEY = "SELECT item FROM " + BenchFixture.NUMERIC_TENANT_TABLE
            + " WHERE tenant_id = ? AND id = ?";

    private Connection connection;
    private PreparedStatement preparedOnce;
    private TenantScope scope;
    private int key;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:");
        TenantContext.privileged("benchmark setup", () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + BenchFixture.NUMERIC_TENANT_TABLE
                        + " (id INT PRIMARY KEY, tenant_id BIGINT, item VARCHAR(100))");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + BenchFixture.NUMERIC_TENANT_TABLE + " VALUES (?, ?, ?)")) {
                for (int id = 1; id <= 2 * ROWS_PER_TENANT; id++) {
                    insert.setInt(1, id);
                    insert.setLong(2, id <= ROWS_PER_TENANT ? OWN : OTHER);
                    insert.setString(3, "item " + id);
                    insert.executeUpdate();
                }
            }
            return null;
        });
        scope = TenantContext.open(TENANT);
        ArmCheck.crossing("a select bound to another numeric tenant", "\"resourceTenant\":\"8\"", false, () -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_KEY)) {
                return select(statement, OTHER, ROWS_PER_TENANT + 1);
            }
        });
        key = 1;
        preparedOnce = connection.prepareStatement(SELECT_BY_KEY);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        preparedOnce.close();
        connection.close();
        if (scope != null) {
            scope.close();
        }
    }

    /** Per iteration, inside the task JMH runs it in (see {@link H2SelectBenchmark#enterTenant}). */
    @Setup(Level.Iteration)
    public void enterTenant() {
        if (scope == null) {
            scope = TenantContext.open(TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        scope.close();
        scope = null;
    }

    /** Bind (tenant with setLong), execute, read on a statement prepared once. */
    @Benchmark
    public String preparedOnceExecuteByNumericTenant() throws SQLException {
        key = key >= ROWS_PER_TENANT ? 1 : key + 1;
        return select(preparedOnce, OWN, key);
    }

    /** Prepare, bind (tenant with setLong), execute, read, close. */
    @Benchmark
    public String preparedSelectByNumericTenant() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_KEY)) {
            key = key >= ROWS_PER_TENANT ? 1 : key + 1;
            return select(statement, OWN, key);
        }
    }

    private static String select(PreparedStatement statement, long tenant, int id) throws SQLException {
        statement.setLong(1, tenant);
        statement.setInt(2, id);
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }
}
