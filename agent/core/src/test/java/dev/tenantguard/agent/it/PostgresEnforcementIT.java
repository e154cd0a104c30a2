package dev.tenantguard.agent.it;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC contract on PostgreSQL (pgjdbc) against the real server. */
class PostgresEnforcementIT extends JdbcEnforcementContract {

    @BeforeEach
    void server() {
        RealDatabase.require("PostgreSQL", 5432);
    }

    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Override
    List<String> jvmOptions() {
        return List.of("-Dprobe.user=postgres");
    }

    @Override
    List<String> setup() {
        return List.of(
                "DROP TABLE IF EXISTS orders, invoices, products",
                "CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, item VARCHAR(100))",
                "CREATE TABLE invoices (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, order_id INT, amount INT)",
                "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(100))",
                "INSERT INTO orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo'), (3, 'acme', 'rocket')",
                "INSERT INTO invoices (id, tenant_id, order_id, amount) VALUES (10, 'acme', 1, 100), (20, 'globex', 2, 200)",
                "INSERT INTO products (id, name) VALUES (1, 'hammer')",
                "CREATE SCHEMA IF NOT EXISTS tenant_globex",
                "DROP TABLE IF EXISTS tenant_globex.notes",
                "CREATE TABLE tenant_globex.notes (id INT, body VARCHAR(100))");
    }

    @Override
    String quotedOrders() {
        return "\"orders\"";
    }

    @Override
    String quotedTenantColumn() {
        return "\"tenant_id\"";
    }
}
