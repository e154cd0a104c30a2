package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBC beyond the single connection: a HikariCP pool (each logical call checked once; a
 * connection's schema or database carried to the next borrower), database per tenant, report mode,
 * and PostgreSQL row-level security settings.
 */
class JdbcScenariosIT {
    private static final String H2 = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
    private static final String SETUP_ORDERS = "admin|-|CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(64),"
            + " item VARCHAR(100))|";
    private static final String SEED_ORDERS = "admin|-|INSERT INTO orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'),"
            + " (2, 'globex', 'gizmo')|";

    @TempDir
    Path root;

    @Test
    void throughAPoolEachLogicalCallIsRecordedOnce() throws Exception {
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, H2, "mode: report\n" + JdbcEnforcementContract.SHOP_JDBC_POLICY,
                List.of("-Dprobe.hikari=true"), List.of(SETUP_ORDERS, SEED_ORDERS,
                        "prep|acme|SELECT item FROM orders ORDER BY id|",
                        "stmt|acme|SELECT item FROM orders WHERE tenant_id = 'globex'"));

        assertEquals("OK [anvil, gizmo]", result.step(2), result.toString());
        assertEquals("OK [gizmo]", result.step(3), result.toString());
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl")).stream()
                .filter(line -> line.contains("\"action\":\"REPORTED\"")).toList();
        assertEquals(2, lines.size(), "the proxy and the driver statement are one call:\n" + String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"kind\":\"UNSCOPED_QUERY\"") && lines.get(0).endsWith("\"count\":1}"), lines.get(0));
        assertTrue(lines.get(0).contains("\"sql\":\"SELECT item FROM orders ORDER BY id\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"callSite\":\"com.example.probe.JdbcRoutesApp."), lines.get(0));
        assertTrue(result.stderr().contains("tenant-guard UNSCOPED_QUERY REPORTED: tenant acme tried to SELECT orders"),
                "slf4j-api without a provider would drop the log line; it goes to stderr:\n" + result.stderr());
        assertTrue(lines.get(1).contains("\"kind\":\"CROSS_TENANT\"") && lines.get(1).contains("\"resourceTenant\":\"globex\""),
                lines.get(1));
    }

    @Test
    void aPooledConnectionLeftOnAnotherTenantsSchemaIsCaughtAtTheNextBorrower() throws Exception {
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, H2, "mode: enforce\n" + JdbcEnforcementContract.SHOP_JDBC_POLICY,
                List.of("-Dprobe.hikari=true"), List.of(
                        "admin|-|CREATE SCHEMA tenant_acme|",
                        "admin|-|CREATE TABLE tenant_acme.notes (id INT, body VARCHAR(100))|",
                        "stmt|acme|SET SCHEMA tenant_acme",
                        "stmt|acme|SELECT count(*) FROM notes",
                        "stmt|globex|SELECT count(*) FROM notes"));

        assertEquals("OK []", result.step(2), result.toString());
        assertEquals("OK [0]", result.step(3), result.toString());
        assertTrue(result.step(4).startsWith("BLOCKED CROSS_TENANT tenant globex tried to SELECT schema tenant_acme owned by"
                + " tenant acme"), result.toString());
    }

    @Test
    void aDatabaseOfOneTenantIsClosedToTheOthers() throws Exception {
        String url = "jdbc:h2:mem:tenant_globex;DB_CLOSE_DELAY=-1";
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url,
                "jdbc:\n  databases: [\"jdbc:h2:mem:tenant_{tenant}\"]\n", List.of("-Dprobe.hikari=true"), List.of(
                        "stmt|globex|SELECT 1",
                        "stmt|acme|SELECT 1",
                        "stmt|-|SELECT 1",
                        "admin|acme|SELECT 1|"));

        assertEquals("OK [1]", result.step(0), result.toString());
        // the URL as the driver reports it, without its parameters
        assertTrue(result.step(1).startsWith("BLOCKED CROSS_TENANT tenant acme tried to SELECT database"
                + " jdbc:h2:mem:tenant_globex owned by tenant globex"), result.toString());
        assertTrue(result.step(2).startsWith("BLOCKED NO_TENANT"), result.toString());
        assertEquals("OK [1]", result.step(3), "privileged may cross: " + result);
    }

    @Test
    void withAutoTablesEveryTableThatHasTheTenantColumnIsATenantTable() throws Exception {
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, H2, "jdbc:\n  column: tenant_id\n  tables: auto\n",
                List.of(), List.of(SETUP_ORDERS, SEED_ORDERS,
                        "admin|-|CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(100))|",
                        "admin|-|INSERT INTO products (id, name) VALUES (1, 'hammer')|",
                        "stmt|acme|SELECT item FROM orders WHERE tenant_id = 'acme'",
                        "stmt|acme|SELECT item FROM orders",
                        "stmt|acme|SELECT name FROM products"));

        assertEquals("OK [anvil]", result.step(4), result.toString());
        assertTrue(result.step(5).startsWith("BLOCKED UNSCOPED_QUERY"), result.toString());
        assertEquals("OK [hammer]", result.step(6), "products has no tenant column: " + result);
    }

    @Test
    void aRowLevelSecuritySettingForAnotherTenantIsBlockedOnPostgres() throws Exception {
        RealDatabase.require("PostgreSQL", 5432);
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, "jdbc:postgresql://127.0.0.1:5432/test",
                "jdbc:\n  rlsSetting: app.tenant\n", List.of("-Dprobe.user=postgres"), List.of(
                        "prep|acme|SELECT set_config('app.tenant', ?, false)|acme",
                        "prep|acme|SELECT set_config('app.tenant', ?, false)|globex",
                        "stmt|acme|SET app.tenant = 'globex'",
                        "stmt|acme|SELECT current_setting('app.tenant')"));

        assertEquals("OK [acme]", result.step(0), result.toString());
        assertTrue(result.step(1).startsWith("BLOCKED CROSS_TENANT"), result.toString());
        assertTrue(result.step(2).startsWith("BLOCKED CROSS_TENANT"), result.toString());
        assertEquals("OK [acme]", result.step(3), "the blocked settings never reached the server: " + result);
    }
}
