package dev.tenantguard.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.config.JdbcPolicy;
import dev.tenantguard.agent.config.Mode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tables: auto}: what is learned per database, and what databases of one schema share. */
class TenantTablesTest {
    private final TenantTables tables = new TenantTables(
            new JdbcPolicy(Mode.ENFORCE, "tenant_id", List.of(JdbcPolicy.AUTO), List.of(), List.of(), null));

    @Test
    void databasesOfOneSchemaShareOneAnalysisCacheAndAnotherSchemaHasItsOwn() throws SQLException {
        try (Connection acme = database("tt_acme", "CREATE TABLE orders (id INT, tenant_id VARCHAR(20))");
             Connection globex = database("tt_globex", "CREATE TABLE orders (id INT, tenant_id VARCHAR(20))");
             Connection other = database("tt_other", "CREATE TABLE invoices (id INT, tenant_id VARCHAR(20))")) {
            AnalysisCache first = tables.cacheFor(state("jdbc:h2:mem:tt_acme"), acme);
            // a database per tenant: the heap grows with the schemas, not with the tenants' databases
            assertSame(first, tables.cacheFor(state("jdbc:h2:mem:tt_globex"), globex));
            AnalysisCache invoices = tables.cacheFor(state("jdbc:h2:mem:tt_other"), other);
            assertNotSame(first, invoices);
            assertTrue(first.get("SELECT * FROM orders").analysis().touchesTenantTables());
            assertTrue(!invoices.get("SELECT * FROM orders").analysis().touchesTenantTables());
            assertTrue(invoices.get("SELECT * FROM invoices").analysis().touchesTenantTables());
        }
    }

    private static ConnectionState state(String url) {
        return new ConnectionState(url, null, null);
    }

    private static Connection database(String name, String ddl) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
        return connection;
    }
}
