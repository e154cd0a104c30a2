package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.config.JdbcPolicy;
import dev.tenantguard.agent.jdbc.sql.DerivedViews;
import dev.tenantguard.agent.jdbc.sql.SqlTenantAnalyzer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tables are tenant tables, and the analysis cache that follows from it: one for the whole
 * JVM when {@code jdbc.tables} lists them, one per database when it is {@code auto} (learned once
 * per database URL, and again after a schema change: every table or view that has the tenant column
 * from {@code DatabaseMetaData}, and the views that read one of them but hide the column, from the
 * database's view definitions).
 */
final class TenantTables {
    private final JdbcPolicy policy;
    private final AnalysisCache listed;
    private final ConcurrentHashMap<String, AnalysisCache> byDatabase = new ConcurrentHashMap<>();
    /**
     * The caches by what was learned (tenant tables and unverifiable views): databases with the same
     * schema — a database per tenant, the usual case — share one cache, so the heap grows with the
     * schemas the service uses, not with the number of its tenants' databases.
     */
    private final ConcurrentHashMap<Map<Set<String>, Map<String, String>>, AnalysisCache> bySchema =
            new ConcurrentHashMap<>();

    TenantTables(JdbcPolicy policy) {
        this.policy = policy;
        this.listed = policy.autoTables() ? null : cache(Set.copyOf(lower(policy.tables())));
    }

    /** The cache of the database a connection is open on. */
    AnalysisCache cacheFor(ConnectionState state, Object connection) {
        if (listed != null) {
            return listed;
        }
        return byDatabase.computeIfAbsent(key(state), url -> learn(connection));
    }

    /**
     * With {@code auto}, a schema change (CREATE, ALTER, DROP, RENAME) may add or remove tenant
     * tables: the database's tables are learned again before its next statement. Migrations that
     * run in the application's JVM at start are the usual case.
     */
    void schemaMayChange(ConnectionState state, String sql) {
        if (listed == null && sql != null && isSchemaChange(sql)) {
            byDatabase.remove(key(state));
        }
    }

    private static String key(ConnectionState state) {
        return state == null || state.url == null ? "" : state.url;
    }

    private static boolean isSchemaChange(String sql) {
        String start = sql.stripLeading();
        for (String keyword : new String[] {"CREATE", "ALTER", "DROP", "RENAME"}) {
            if (start.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return true;
            }
        }
        return false;
    }

    private AnalysisCache cache(Set<String> tables) {
        return cache(tables, Map.of());
    }

    private AnalysisCache cache(Set<String> tables, Map<String, String> unverifiableViews) {
        // without jdbc.column there are no tenant tables, and the column name is never looked at
        SqlTenantAnalyzer analyzer = new SqlTenantAnalyzer(policy.column() == null ? "tenant_id" : policy.column(),
                tables, policy.schemas(), policy.rlsSetting(), policy.trustedRoutines(), unverifiableViews);
        return new AnalysisCache(analyzer);
    }

    /**
     * Every table of the database that has the tenant column — views and materialized views
     * included — and the views that read a tenant table without it (not verifiable).
     */
    private AnalysisCache learn(Object connection) {
        Set<String> tables = new TreeSet<>();
        if (!(connection instanceof Connection) || policy.column() == null) {
            return cache(tables);
        }
        Map<String, String> definitions = Map.of();
        try {
            DatabaseMetaData metaData = ((Connection) connection).getMetaData();
            for (String column : new String[] {policy.column(), policy.column().toUpperCase(Locale.ROOT)}) {
                try (ResultSet columns = metaData.getColumns(null, null, "%", column)) {
                    while (columns.next()) {
                        tables.add(columns.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            definitions = ViewDefinitions.read((Connection) connection);
        } catch (SQLException e) {
            System.err.println("tenant-guard: cannot read the tables that have " + policy.column() + ": " + e);
        }
        Map<String, String> unverifiable = DerivedViews.unverifiable(policy.column(), tables, definitions);
        return bySchema.computeIfAbsent(Map.of(Set.copyOf(tables), Map.copyOf(unverifiable)),
                learned -> cache(tables, unverifiable));
    }

    private static Set<String> lower(java.util.List<String> names) {
        Set<String> lower = new TreeSet<>();
        for (String name : names) {
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        return lower;
    }
}
