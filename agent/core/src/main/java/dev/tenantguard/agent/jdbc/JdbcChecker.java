package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.JdbcPolicy;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.jdbc.sql.LiteralTenant;
import dev.tenantguard.agent.jdbc.sql.RlsValue;
import dev.tenantguard.agent.jdbc.sql.SchemaTenant;
import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.agent.jdbc.sql.SqlProblem;
import dev.tenantguard.agent.jdbc.sql.TenantParameter;
import dev.tenantguard.agent.policy.TenantPattern;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.GuardedConnection;
import dev.tenantguard.internal.GuardedStatement;
import dev.tenantguard.internal.JdbcGuard;
import dev.tenantguard.internal.ThreadState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks each statement, before it reaches the database, against the current tenant: the tenant
 * of the connection's database and schema, then what the SQL analysis found — unscoped tenant
 * tables, tenant literals, schema-qualified names, RLS settings — and the values bound to the
 * tenant parameters.
 *
 * <p>The allow path of a cached prepared statement compares strings and allocates nothing.
 */
public final class JdbcChecker implements JdbcGuard {
    static final String FAMILY = "jdbc";

    private final JdbcPolicy policy;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final TenantTables tables;
    private final List<TenantPattern> databases = new ArrayList<>();
    private final List<TenantPattern> schemas = new ArrayList<>();
    private final String columnRule;

    public JdbcChecker(JdbcPolicy policy, BoundaryEnforcer enforcer) {
        this.policy = policy;
        this.mode = policy.mode();
        this.enforcer = enforcer;
        this.tables = new TenantTables(policy);
        policy.databases().forEach(p -> databases.add(new TenantPattern(p)));
        policy.schemas().forEach(p -> schemas.add(new TenantPattern(p)));
        this.columnRule = "jdbc.column " + policy.column();
    }

    @Override
    public void prepared(Object connection, Object statement, String sql) {
        GuardedStatement guarded = (GuardedStatement) statement;
        guarded.tenantGuard$connection(connection);
        guarded.tenantGuard$binds(null);
        if (sql == null) {
            guarded.tenantGuard$analysis(null);
            return;
        }
        ConnectionState state = state(connection);
        CheckedSql checked = tables.cacheFor(state, connection).get(sql);
        guarded.tenantGuard$analysis(concernsTenants(checked.analysis()) ? checked : null);
        // a prepared statement keeps no text when it concerns no tenant: note a schema change now
        tables.schemaMayChange(state, sql);
    }

    @Override
    public void bound(Object statement, int index, Object value) {
        GuardedStatement guarded = (GuardedStatement) statement;
        CheckedSql checked = (CheckedSql) guarded.tenantGuard$analysis();
        if (checked == null || !checked.analysis().isTenantBound(index)) {
            return;
        }
        SqlAnalysis analysis = checked.analysis();
        if (analysis.hasSingleTenantBound()) {
            guarded.tenantGuard$binds(value); // no array: the allow path allocates nothing
            return;
        }
        Object[] binds = (Object[]) guarded.tenantGuard$binds();
        if (binds == null) {
            binds = new Object[analysis.maxTenantBoundIndex() + 1];
            guarded.tenantGuard$binds(binds);
        }
        binds[index] = value;
    }

    @Override
    public void execute(Object statement, String sql, ThreadState thread) {
        Object connection = connectionOf(statement);
        ConnectionState connectionState = connection == null ? null : state(connection);
        CheckedSql checked = null;
        Object binds = null;
        if (sql != null) {
            checked = tables.cacheFor(connectionState, connection).get(sql);
        } else if (statement instanceof GuardedStatement) {
            checked = (CheckedSql) ((GuardedStatement) statement).tenantGuard$analysis();
            binds = ((GuardedStatement) statement).tenantGuard$binds();
        }
        String text = checked == null ? sql : checked.sql();
        check(connectionState, checked == null ? null : checked.analysis(), binds, text, thread);
        tables.schemaMayChange(connectionState, text);
    }

    @Override
    public void switchSchema(Object connection, String schema, ThreadState thread) {
        ConnectionState state = state(connection);
        String owner = schemaTenant(schema);
        if (owner != null && !owner.equals(thread.tenant()) && !thread.privileged()) {
            enforcer.crossing(mode, FAMILY, "SET SCHEMA", "schema " + schema, owner, thread.tenant(),
                    "jdbc.schemas " + schemas);
        }
        state.schema = schema;
        state.schemaTenant = owner;
    }

    private void check(ConnectionState connection, SqlAnalysis analysis, Object binds, String sql, ThreadState thread) {
        String tenant = thread.tenant();
        String operation = analysis == null ? "EXECUTE" : analysis.operation().name();
        boolean privileged = thread.privileged();
        if (connection != null && !privileged) {
            if (connection.databaseTenant != null && !connection.databaseTenant.equals(tenant)) {
                cross(operation, "database " + connection.url, connection.databaseTenant, tenant,
                        connection.databaseRule, sql);
            }
            if (connection.schemaTenant != null && !connection.schemaTenant.equals(tenant) && !switchesSchema(analysis)) {
                cross(operation, "schema " + connection.schema, connection.schemaTenant, tenant,
                        "jdbc.schemas " + schemas, sql);
            }
        }
        if (analysis == null) {
            return;
        }
        if (!privileged) {
            checkAnalysis(analysis, binds, tenant, operation, sql);
        }
        for (SchemaTenant switched : analysis.schemaTenants()) {
            if (switched.schemaSwitch() && connection != null) {
                connection.schema = switched.schema();
                connection.schemaTenant = switched.tenant();
            }
        }
    }

    private void checkAnalysis(SqlAnalysis analysis, Object binds, String tenant, String operation, String sql) {
        if (tenant == null && analysis.touchesTenantTables()) {
            enforcer.violation(mode, ViolationKind.NO_TENANT, FAMILY, operation,
                    String.join(", ", analysis.tenantTables()), null, null, columnRule, sql);
        }
        for (SqlProblem problem : analysis.problems()) {
            enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.UNSCOPED_QUERY, FAMILY,
                    operation, problem.resource(), null, tenant, problem.reason(), sql);
        }
        for (LiteralTenant literal : analysis.literalTenants()) {
            if (!literal.tenant().equals(tenant)) {
                cross(operation, literal.table(), literal.tenant(), tenant, columnRule + " (" + literal.clause() + ")", sql);
            }
        }
        for (TenantParameter parameter : analysis.tenantParameters()) {
            Object value = bound(analysis, binds, parameter.index());
            if (value != null && !value.toString().equals(tenant)) {
                cross(operation, parameter.table(), value.toString(), tenant,
                        columnRule + " (" + parameter.clause() + ", parameter " + parameter.index() + ")", sql);
            }
        }
        for (SchemaTenant schema : analysis.schemaTenants()) {
            if (!schema.tenant().equals(tenant)) {
                cross(operation, schema.table() == null ? "schema " + schema.schema() : schema.schema() + "." + schema.table(),
                        schema.tenant(), tenant, "jdbc.schemas " + schemas, sql);
            }
        }
        for (RlsValue rls : analysis.rlsValues()) {
            Object value = rls.isParameter() ? bound(analysis, binds, rls.parameterIndex()) : rls.literal();
            if (value != null && !value.toString().equals(tenant)) {
                cross(operation, "setting " + rls.setting(), value.toString(), tenant, "jdbc.rlsSetting " + rls.setting(), sql);
            }
        }
    }

    /** The value bound to {@code index}: {@code binds} is that value itself when only one index carries the tenant. */
    private static Object bound(SqlAnalysis analysis, Object binds, int index) {
        if (analysis.hasSingleTenantBound()) {
            return binds;
        }
        Object[] values = (Object[]) binds;
        return values == null || index >= values.length ? null : values[index];
    }

    private void cross(String operation, String resource, String owner, String tenant, String rule, String sql) {
        enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.CROSS_TENANT, FAMILY,
                operation, resource, owner, tenant, rule, sql);
    }

    private static boolean switchesSchema(SqlAnalysis analysis) {
        if (analysis != null) {
            for (SchemaTenant schema : analysis.schemaTenants()) {
                if (schema.schemaSwitch()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean concernsTenants(SqlAnalysis analysis) {
        return analysis.touchesTenantTables() || !analysis.problems().isEmpty() || !analysis.schemaTenants().isEmpty()
                || !analysis.rlsValues().isEmpty();
    }

    private String schemaTenant(String schema) {
        for (TenantPattern pattern : schemas) {
            String tenant = pattern.tenantOfName(schema);
            if (tenant != null) {
                return tenant;
            }
        }
        return null;
    }

    private static Object connectionOf(Object statement) {
        if (statement instanceof GuardedStatement) {
            Object connection = ((GuardedStatement) statement).tenantGuard$connection();
            if (connection != null) {
                return connection;
            }
        }
        try {
            return statement instanceof Statement ? ((Statement) statement).getConnection() : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The state of the physical connection behind {@code connection}: a pool's proxy is unwrapped
     * once, and then shares the physical connection's state object.
     */
    private ConnectionState state(Object connection) {
        if (connection instanceof GuardedConnection) {
            ConnectionState known = (ConnectionState) ((GuardedConnection) connection).tenantGuard$state();
            if (known != null) {
                return known;
            }
        }
        Object physical = physical(connection);
        ConnectionState state = null;
        if (physical != connection && physical instanceof GuardedConnection) {
            state = (ConnectionState) ((GuardedConnection) physical).tenantGuard$state();
        }
        if (state == null) {
            state = newState(physical);
            if (physical instanceof GuardedConnection) {
                ((GuardedConnection) physical).tenantGuard$state(state);
            }
        }
        if (connection instanceof GuardedConnection) {
            ((GuardedConnection) connection).tenantGuard$state(state);
        }
        return state;
    }

    private static Object physical(Object connection) {
        try {
            if (connection instanceof Connection && ((Connection) connection).isWrapperFor(Connection.class)) {
                Object inner = ((Connection) connection).unwrap(Connection.class);
                return inner == null ? connection : inner;
            }
        } catch (SQLException | RuntimeException e) {
            // not a wrapper after all: the connection is its own physical connection
        }
        return connection;
    }

    private ConnectionState newState(Object connection) {
        if (databases.isEmpty() && !policy.autoTables()) {
            return new ConnectionState(null, null, null);
        }
        String url = url(connection);
        for (TenantPattern pattern : databases) {
            String tenant = pattern.tenantOfUrl(url);
            if (tenant != null) {
                return new ConnectionState(url, tenant, "jdbc.databases " + pattern);
            }
        }
        return new ConnectionState(url, null, null);
    }

    static String url(Object connection) {
        try {
            return connection instanceof Connection ? ((Connection) connection).getMetaData().getURL() : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
