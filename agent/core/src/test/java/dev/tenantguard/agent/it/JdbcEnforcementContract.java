package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.JdbcRoutesApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every driver must show under the real agent in enforce mode: the allowed forms run, the
 * crossing forms are blocked before they reach the database, and the other tenant's rows are
 * unchanged. A subclass per database gives the URL and its dialect.
 */
abstract class JdbcEnforcementContract {
    @TempDir
    Path root;

    /** The JDBC URL of the test database. */
    abstract String url();

    /** JVM options for the probe (user, password). */
    List<String> jvmOptions() {
        return List.of();
    }

    /** Statements that create the schema {@code tenant_globex} (or this database's equivalent) afresh. */
    abstract List<String> tenantSchemaSetup();

    /** Statements that create the tables and rows every test starts from, in a privileged scope. */
    final List<String> setup() {
        List<String> setup = new ArrayList<>();
        setup.add("DROP TABLE IF EXISTS orders, invoices, products"); // a server keeps them from the last run
        setup.add("CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, item VARCHAR(100))");
        setup.add("CREATE TABLE invoices (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, order_id INT, amount INT)");
        setup.add("CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(100))");
        setup.add("INSERT INTO orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo'),"
                + " (3, 'acme', 'rocket')");
        setup.add("INSERT INTO invoices (id, tenant_id, order_id, amount) VALUES (10, 'acme', 1, 100), (20, 'globex', 2, 200)");
        setup.add("INSERT INTO products (id, name) VALUES (1, 'hammer')");
        setup.addAll(tenantSchemaSetup());
        setup.add("CREATE TABLE tenant_globex.notes (id INT, body VARCHAR(100))");
        return setup;
    }

    /** {@code orders} quoted the way this database quotes identifiers. */
    abstract String quotedOrders();

    /** {@code tenant_id} quoted the way this database quotes identifiers. */
    abstract String quotedTenantColumn();

    @ParameterizedTest(name = "through a HikariCP pool: {0}")
    @ValueSource(booleans = {false, true})
    void allowedFormsRunAndCrossingFormsAreBlockedBeforeTheDatabase(boolean pooled) throws Exception {
        List<String> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String sql : setup()) {
            step(steps, expected, "admin|-|" + sql + "|", "OK");
        }
        // allowed
        step(steps, expected, "prep|acme|SELECT item FROM orders WHERE tenant_id = ? AND id = ?|acme,1", "OK [anvil]");
        step(steps, expected, "stmt|acme|SELECT item FROM orders WHERE tenant_id = 'acme' ORDER BY id", "OK [anvil, rocket]");
        step(steps, expected, "prep|acme|SELECT o.item FROM orders o JOIN invoices i ON i.order_id = o.id"
                + " AND i.tenant_id = o.tenant_id WHERE o.tenant_id = ? ORDER BY o.id|acme", "OK [anvil]");
        step(steps, expected, "stmt|-|SELECT name FROM products ORDER BY id", "OK [hammer]");
        step(steps, expected, "prep|acme|SELECT item FROM " + quotedOrders() + " WHERE " + quotedTenantColumn()
                + " = ? ORDER BY id|acme", "OK [anvil, rocket]");
        step(steps, expected, "prep|acme|sElEcT item FrOm orders WhErE TENANT_ID = ? and ID = ?|acme,3", "OK [rocket]");
        // blocked
        step(steps, expected, "stmt|acme|SELECT item FROM orders", "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "prep|acme|SELECT item FROM orders WHERE tenant_id = ? OR 1=1|acme", "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "stmt|acme|SELECT item FROM orders WHERE tenant_id = 'globex'", "BLOCKED CROSS_TENANT");
        step(steps, expected, "prep|acme|SELECT item FROM orders WHERE tenant_id = ?|globex", "BLOCKED CROSS_TENANT");
        step(steps, expected, "stmt|acme|SELECT item FROM orders /* WHERE tenant_id = 'acme' */", "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "prep|acme|SELECT item FROM orders WHERE tenant_id = ? -- AND tenant_id = 'acme'\n OR 1=1|acme",
                "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "prep|acme|SELECT item FROM orders WHERE tenant_id = ? AND id IN (SELECT order_id FROM invoices)|acme",
                "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "stmt|acme|WITH x AS (SELECT item FROM orders) SELECT item FROM x", "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "prep|acme|SELECT item FROM orders WHERE tenant_id = ? UNION SELECT item FROM orders|acme",
                "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "prep|acme|SELECT o.item FROM orders o JOIN invoices i ON i.order_id = o.id WHERE o.tenant_id = ?|acme",
                "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "stmt|acme|UPDATE orders SET item = 'hacked'", "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "prep|acme|DELETE FROM orders WHERE tenant_id = ? AND id = ?|globex,2", "BLOCKED CROSS_TENANT");
        step(steps, expected, "stmt|acme|DELETE FROM orders WHERE id = 2", "BLOCKED CROSS_TENANT"); // globex's row, by its key
        step(steps, expected, "stmt|acme|INSERT INTO orders (id, tenant_id, item) VALUES (4, 'globex', 'planted')",
                "BLOCKED CROSS_TENANT");
        step(steps, expected, "prep|acme|UPDATE orders SET tenant_id = 'globex' WHERE tenant_id = ? AND id = ?|acme,1",
                "BLOCKED CROSS_TENANT");
        step(steps, expected, "stmt|acme|INSERT INTO invoices (id, tenant_id, order_id, amount)"
                + " SELECT id + 100, tenant_id, id, 1 FROM orders", "BLOCKED UNSCOPED_QUERY");
        step(steps, expected, "batch|acme|INSERT INTO orders (id, tenant_id, item) VALUES (?, ?, ?)|5,acme,a;6,globex,b",
                "BLOCKED CROSS_TENANT");
        step(steps, expected, "reuse|acme|SELECT item FROM orders WHERE tenant_id = ? AND id = ?|acme,1;globex,2",
                "BLOCKED CROSS_TENANT");
        step(steps, expected, "stmt|acme|SELECT body FROM tenant_globex.notes", "BLOCKED CROSS_TENANT");
        step(steps, expected, "schema|acme|tenant_globex", "BLOCKED CROSS_TENANT");
        step(steps, expected, "prep|-|SELECT item FROM orders WHERE tenant_id = ?|acme", "BLOCKED NO_TENANT");
        // what is left: nothing written by a blocked statement
        step(steps, expected, "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM orders ORDER BY id|",
                "OK [1:acme:anvil, 2:globex:gizmo, 3:acme:rocket]");
        step(steps, expected, "admin|-|SELECT count(*) FROM invoices|", "OK [2]");

        List<String> options = new ArrayList<>(jvmOptions());
        options.add("-Dprobe.hikari=" + pooled);
        ForkedJvm.Result result = run(root, url(), "mode: enforce\n" + SHOP_JDBC_POLICY, options, steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)),
                    "step " + i + " " + steps.get(i) + "\nexpected " + expected.get(i) + "\nbut was  " + outcome
                            + "\n" + result.stderr());
        }
    }

    private static void step(List<String> steps, List<String> expected, String step, String outcome) {
        steps.add(step);
        expected.add(outcome);
    }

    /** The jdbc part of the policy the shop tables are guarded by. */
    static final String SHOP_JDBC_POLICY = "jdbc:\n"
            + "  column: tenant_id\n"
            + "  tables: [orders, invoices]\n"
            + "  schemas: [\"tenant_{tenant}\"]\n";

    /** Runs the JDBC probe on {@code url} under the agent with {@code policy} (JSONL report added). */
    static ForkedJvm.Result run(Path root, String url, String policy, List<String> jvmOptions, List<String> steps)
            throws Exception {
        Path file = Files.writeString(root.resolve("tenant-guard.yaml"),
                policy + "report:\n  jsonl: " + root.resolve("violations.jsonl") + "\n");
        List<String> args = new ArrayList<>();
        args.add(url);
        args.addAll(steps);
        return ForkedJvm.run(root, "config=" + file, jvmOptions, Map.of(), JdbcRoutesApp.class.getName(), args,
                driverClassPath());
    }

    /** The drivers and pool from this test's own class path. */
    static String driverClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("h2") || e.contains("postgresql") || e.contains("mariadb") || e.contains("HikariCP")
                        || e.contains("slf4j-api"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
