package dev.tenantguard.bench;

import static dev.tenantguard.bench.BenchFixture.TENANT;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
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
 * A select by primary key on H2 in memory, about the cheapest query a JDBC driver runs: what the
 * agent adds (analysis lookup at prepare, tenant bind check, execute check) is not hidden behind
 * network or disk. Runs on the allow path: tenant acme reads its own rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JdbcSelectBenchmark {
    /** One constant text: the agent's analysis cache hits it after the first op, as it would in an application. */
    static final String SELECT_BY_KEY = "SELECT item FROM orders WHERE tenant_id = ? AND id = ?";
    private static final String OTHER_TENANT = "globex";
    /** acme owns ids 1..50, globex 51..100. */
    private static final int ROWS_PER_TENANT = 50;

    private Connection connection;
    private PreparedStatement preparedOnce;
    private TenantScope scope;
    private int key;

    /** On the benchmark thread (thread-scoped state), so acme is current in the benchmark methods. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // "jdbc:h2:mem:" is a private database of this connection, gone when it closes.
        connection = DriverManager.getConnection("jdbc:h2:mem:");
        // Writing both tenants' rows crosses the boundary: allowed only in a privileged scope.
        TenantContext.privileged("benchmark setup", () -> createOrders(connection));
        scope = TenantContext.open(TENANT);
        checkAgentState();
        preparedOnce = connection.prepareStatement(SELECT_BY_KEY);
    }

    private static Void createOrders(Connection connection) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE orders(id INT PRIMARY KEY, tenant_id VARCHAR(64), item VARCHAR(100))");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?)")) {
            for (int id = 1; id <= 2 * ROWS_PER_TENANT; id++) {
                insert.setInt(1, id);
                insert.setString(2, id <= ROWS_PER_TENANT ? TENANT : OTHER_TENANT);
                insert.setString(3, "item " + id);
                insert.executeUpdate();
            }
        }
        return null;
    }

    /**
     * A ratio against an agent that does not check JDBC would be meaningless: in the agent arm an
     * unscoped select of the tenant table, and acme's prepared select bound to globex, must be
     * refused; without the agent both must run.
     */
    private void checkAgentState() throws Exception {
        boolean agentExpected = Boolean.getBoolean(BenchFixture.AGENT_PROPERTY);
        boolean unscopedRefused = refused(() -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT item FROM orders")) {
                return rows.next();
            }
        });
        boolean otherTenantRefused = refused(() -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_KEY)) {
                return select(statement, OTHER_TENANT, ROWS_PER_TENANT + 1);
            }
        });
        if (unscopedRefused != agentExpected || otherTenantRefused != agentExpected) {
            throw new IllegalStateException((agentExpected ? "with" : "without") + " the agent: unscoped select "
                    + (unscopedRefused ? "refused" : "ran") + ", select bound to another tenant "
                    + (otherTenantRefused ? "refused" : "ran"));
        }
        try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_KEY)) {
            if (!("item " + ROWS_PER_TENANT).equals(select(statement, TENANT, ROWS_PER_TENANT))) {
                throw new IllegalStateException("the select does not return acme's row");
            }
        }
    }

    private static boolean refused(Callable<?> call) throws Exception {
        try {
            call.call();
            return false;
        } catch (TenantBoundaryViolation expectedWithAgent) {
            return true;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        preparedOnce.close();
        connection.close();
        scope.close();
    }

    /** Prepare, bind, execute, read, close: an application that prepares per query. */
    @Benchmark
    public String preparedSelectByKey() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_BY_KEY)) {
            return select(statement, TENANT, nextKey());
        }
    }

    /** Bind, execute, read on a statement prepared once: the agent's cheapest JDBC path. */
    @Benchmark
    public String preparedOnceExecuteByKey() throws SQLException {
        return select(preparedOnce, TENANT, nextKey());
    }

    private static String select(PreparedStatement statement, String tenant, int id) throws SQLException {
        statement.setString(1, tenant);
        statement.setInt(2, id);
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1); // throws without a row: a benchmark of an empty result would be wrong
        }
    }

    /** Cycles over acme's ids: H2 hands back its last result when a query's parameters repeat. */
    private int nextKey() {
        key = key == ROWS_PER_TENANT ? 1 : key + 1;
        return key;
    }
}
