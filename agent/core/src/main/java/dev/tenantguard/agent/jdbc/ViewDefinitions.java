package dev.tenantguard.agent.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The views and materialized views of a database with their defining queries, read from its
 * catalogue: PostgreSQL's {@code pg_class} (views and materialized views), MariaDB's, MySQL's and
 * H2's {@code INFORMATION_SCHEMA.VIEWS}; the system schemas' own views are left out. A view whose
 * definition the database does not show (no privilege, another database) maps to {@code null}: what
 * it reads is not known.
 */
final class ViewDefinitions {
    private static final String POSTGRES = "SELECT c.relname, pg_catalog.pg_get_viewdef(c.oid) FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')";
    /** MariaDB and MySQL: the connection's database, as {@code DatabaseMetaData} reads it. */
    private static final String MARIADB = "SELECT TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
            + " WHERE TABLE_SCHEMA = DATABASE()";
    private static final String H2 = "SELECT TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
            + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'";

    private ViewDefinitions() {
    }

    private static boolean isSystem(String schema) {
        if (schema == null) {
            return false;
        }
        String name = schema.toLowerCase(Locale.ROOT);
        return name.equals("information_schema") || name.equals("pg_catalog") || name.equals("mysql")
                || name.equals("performance_schema") || name.equals("sys");
    }

    /** Lower-case view name to its definition ({@code null} when not shown). */
    static Map<String, String> read(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        Map<String, String> views = new TreeMap<>();
        try (ResultSet listed = metaData.getTables(null, null, "%", new String[] {"VIEW", "MATERIALIZED VIEW"})) {
            while (listed.next()) {
                if (!isSystem(listed.getString("TABLE_SCHEM")) && !isSystem(listed.getString("TABLE_CAT"))) {
                    views.put(listed.getString("TABLE_NAME").toLowerCase(Locale.ROOT), null);
                }
            }
        }
        // only the catalogues known: a failing query would abort the application's transaction on some databases
        String query = product.contains("postgres") ? POSTGRES
                : product.contains("mariadb") || product.contains("mysql") ? MARIADB : product.equals("h2") ? H2 : null;
        if (query == null) {
            return views;
        }
        try (Statement statement = connection.createStatement(); ResultSet defined = statement.executeQuery(query)) {
            while (defined.next()) {
                String definition = defined.getString(2);
                views.put(defined.getString(1).toLowerCase(Locale.ROOT),
                        definition == null || definition.isBlank() ? null : definition);
            }
        }
        return views;
    }
}
