package dev.tenantguard.agent.it;

import java.util.List;

/** The JDBC contract on H2, in memory. */
class H2EnforcementIT extends JdbcEnforcementContract {

    @Override
    String url() {
        return "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
    }

    @Override
    List<String> setup() {
        return List.of(
                "CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, item VARCHAR(100))",
                "CREATE TABLE invoices (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, order_id INT, amount INT)",
                "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(100))",
                "INSERT INTO orders (id, tenant_id, item) VALUES (1, 'acme', 'anvil'), (2, 'globex', 'gizmo'), (3, 'acme', 'rocket')",
                "INSERT INTO invoices (id, tenant_id, order_id, amount) VALUES (10, 'acme', 1, 100), (20, 'globex', 2, 200)",
                "INSERT INTO products (id, name) VALUES (1, 'hammer')",
                "CREATE SCHEMA tenant_globex",
                "CREATE TABLE tenant_globex.notes (id INT, body VARCHAR(100))");
    }

    @Override
    String quotedOrders() {
        return "\"ORDERS\"";
    }

    @Override
    String quotedTenantColumn() {
        return "\"TENANT_ID\"";
    }
}
