package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.JdbcPolicy;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.jdbc.sql.KeyedWrite;
import dev.tenantguard.agent.jdbc.sql.LiteralTenant;
import dev.tenantguard.agent.jdbc.sql.RlsValue;
import dev.tenantguard.agent.jdbc.sql.SchemaTenant;
import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.agent.jdbc.sql.SqlProblem;
import dev.tenantguard.agent.jdbc.sql.TenantParameter;
import dev.tenantguard.agent.policy.TenantPattern;
import dev.tenantguard.agent.report.Observations;
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
    private final SchemaChanges schemaChanges;
    private final RowOwners rowOwners;
    private final HibernateTenant hibernate;
    private final JdbcObserver observer;
    private final ResultSetRows resultSetRows;

    public JdbcChecker(JdbcPolicy policy, BoundaryEnforcer enforcer) {
        this(policy, enforcer, HibernateTenant.NONE, null);
    }

    JdbcChecker(JdbcPolicy policy, BoundaryEnforcer enforcer, HibernateTenant hibernate) {
        this(policy, enforcer, hibernate, null);
    }

    /**
     * @param hibernate    the application's Hibernate tenant resolver ({@code tenant.from: hibernate}),
     *                     or {@link HibernateTenant#NONE}
     * @param observations where the columns that statements pin to the tenant are recorded
     *                     ({@code report.observe}), or {@code null}
     */
    public JdbcChecker(JdbcPolicy policy, BoundaryEnforcer enforcer, HibernateTenant hibernate,
                       Observations observations) {
        this.hibernate = hibernate;
        this.policy = policy;
        this.mode = policy.mode();
        this.enforcer = enforcer;
        this.tables = new TenantTables(policy);
        for (String pattern : policy.databases()) {
            databases.add(new TenantPattern(pattern));
        }
        for (String pattern : policy.schemas()) {
            schemas.add(new TenantPattern(pattern));
        }
        this.columnRule = "jdbc.column " + policy.column();
        this.schemaChanges = new SchemaChanges(mode, enforcer);
        this.rowOwners = new RowOwners(policy.column() == null ? "tenant_id" : policy.column());
        this.observer = observations == null ? null : new JdbcObserver(observations);
        this.resultSetRows = new ResultSetRows(policy.column() == null ? "tenant_id" : policy.column(), mode, enforcer,
                connection -> tables.cacheFor(connection == null ? null : state(connection), connection));
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
        // observed statements keep their text so that their binds are seen too
        guarded.tenantGuard$analysis(concernsTenants(checked.analysis()) || observer != null ? checked : null);
        // a prepared statement keeps no text when it concerns no tenant: note a schema change now
        tables.schemaMayChange(state, sql);
    }

    @Override
    public void bound(Object statement, int index, Object value) {
        GuardedStatement guarded = (GuardedStatement) statement;
        CheckedSql checked = (CheckedSql) guarded.tenantGuard$analysis();
        if (checked != null && checked.analysis().isTenantBound(index)) {
            BoundTenants.bound(guarded, checked.analysis(), index, value);
        }
        if (observer != null) {
            observer.bound(statement, index, value);
        }
    }

    @Override
    public void boundNumber(Object statement, int index, long value) {
        GuardedStatement guarded = (GuardedStatement) statement;
        CheckedSql checked = (CheckedSql) guarded.tenantGuard$analysis();
        if (checked != null && checked.analysis().isTenantBound(index)) {
            BoundTenants.boundNumber(guarded, checked.analysis(), index, value);
        }
        if (observer != null) {
            observer.bound(statement, index, Long.toString(value));
        }
    }

    @Override
    public void notCaptured(Object statement, int index, String setter) {
        GuardedStatement guarded = (GuardedStatement) statement;
        CheckedSql checked = (CheckedSql) guarded.tenantGuard$analysis();
        if (checked == null || !checked.analysis().hasTenantBoundParameters()) {
            return;
        }
        if ("setNull".equals(setter)) {
            bound(statement, index, null); // SQL NULL is a value: no tenant
        } else if (index == 0) {
            BoundTenants.forgetAll(guarded, setter == null ? null : setter + " (a parameter bound by name)");
        } else if (checked.analysis().isTenantBound(index)) {
            BoundTenants.bound(guarded, checked.analysis(), index, new BoundTenants.NotCaptured(setter));
        }
    }

    @Override
    public int indexOfName(Object statement, String name) {
        GuardedStatement guarded = (GuardedStatement) statement;
        CheckedSql checked = (CheckedSql) guarded.tenantGuard$analysis();
        Object connection = guarded.tenantGuard$connection();
        if (checked == null || !checked.analysis().hasTenantBoundParameters() || connection == null) {
            return 0;
        }
        return RoutineParameters.indexOf(connection, state(connection), checked.analysis(), name);
    }

    @Override
    public void batchRow(Object statement, ThreadState thread) {
        execute(statement, null, thread);
        if (statement instanceof GuardedStatement guarded && guarded.tenantGuard$analysis() != null) {
            BoundTenants.forgetAll(guarded, null); // the next row is judged on its own binds
        }
    }

    @Override
    public void execute(Object statement, String sql, ThreadState thread) {
        Object connection = connectionOf(statement);
        ConnectionState connectionState = connection == null ? null : state(connection);
        CheckedSql checked = null;
        GuardedStatement prepared = null;
        if (sql != null) {
            checked = tables.cacheFor(connectionState, connection).get(sql);
        } else if (statement instanceof GuardedStatement) {
            prepared = (GuardedStatement) statement;
            checked = (CheckedSql) prepared.tenantGuard$analysis();
        }
        String text = checked == null ? sql : checked.sql();
        String key = checked == null ? sql : checked.statementKey();
        check(connection, connectionState, checked == null ? null : checked.analysis(), prepared, text, key, thread);
        if (observer != null) {
            observer.executed(statement, text, prepared != null, thread);
        }
        tables.schemaMayChange(connectionState, text);
    }

    @Override
    public void sessionFactory(Object sessionFactory) {
        try {
            hibernate.factoryBuilt(sessionFactory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a Hibernate whose resolver cannot be read: said once, and calls with no tenant stay without one
            System.err.println("tenant-guard: tenant.from hibernate: cannot read the tenant resolver of "
                    + sessionFactory.getClass().getName() + ": " + e);
        }
    }

    /**
     * With no tenant in context, a migration tool (Flyway, Liquibase on the stack) may work in any
     * tenant's schema or database — migrating every tenant's schema at start is its job — and is
     * audited instead; with a tenant in context it is judged as any code is. The stack is walked only
     * here, on the way to a crossing, never on the allow path.
     */
    private boolean migratingWithoutTenant(String tenant, String operation, String resource, String sql) {
        if (tenant != null) {
            return false;
        }
        String tool = MigrationFrames.toolOnStack();
        if (tool == null) {
            return false;
        }
        enforcer.audit("SCHEMA", FAMILY, operation, resource, null,
                "a tenant's schema or database used with no tenant in context (run by " + tool + ")", sql);
        return true;
    }

    /** The tenant of the call: the context's, else (tenant.from hibernate) the application's resolver's. */
    private String tenantOf(ThreadState thread) {
        String tenant = thread.tenant();
        return tenant != null ? tenant : hibernate.current();
    }

    @Override
    public void switchSchema(Object connection, String schema, ThreadState thread) {
        ConnectionState state = state(connection);
        String owner = schemaTenant(schema);
        String tenant = tenantOf(thread);
        if (owner != null && !owner.equals(tenant) && !thread.privileged()
                && !migratingWithoutTenant(tenant, "SET SCHEMA", "schema " + schema, null)) {
            enforcer.crossing(mode, FAMILY, "SET SCHEMA", "schema " + schema, owner, tenant,
                    "jdbc.schemas " + schemas);
        }
        state.schema = schema;
        state.schemaTenant = owner;
    }

    @Override
    public void rowValue(Object resultSet, Object column, Object value) {
        try {
            resultSetRows.value(resultSet, column, value);
        } catch (SQLException e) {
            throw new IllegalStateException("the result set's columns could not be read", e);
        }
    }

    @Override
    public void rowReset(Object resultSet) {
        resultSetRows.reset(resultSet);
    }

    @Override
    public void rowWrite(Object resultSet, String operation, ThreadState thread) {
        if (thread.privileged()) {
            return;
        }
        try {
            resultSetRows.write(resultSet, operation, tenantOf(thread));
        } catch (SQLException e) {
            enforcer.violation(mode, ViolationKind.NOT_VERIFIED, FAMILY, operation, "the row", null, tenantOf(thread),
                    "the row written through an updatable result set could not be read (" + e + ")", null);
        }
    }

    private void check(Object db, ConnectionState connection, SqlAnalysis analysis, GuardedStatement prepared,
            String sql, String key, ThreadState thread) {
        String tenant = tenantOf(thread);
        String operation = analysis == null ? "EXECUTE" : analysis.operation().name();
        boolean privileged = thread.privileged();
        if (connection != null && !privileged) {
            if (connection.databaseTenant != null && !connection.databaseTenant.equals(tenant)
                    && !migratingWithoutTenant(tenant, operation, "database " + connection.url, sql)) {
                cross(operation, "database " + connection.url, connection.databaseTenant, tenant,
                        connection.databaseRule, sql, key);
            }
            if (connection.schemaTenant != null && !connection.schemaTenant.equals(tenant) && !switchesSchema(analysis)
                    && !migratingWithoutTenant(tenant, operation, "schema " + connection.schema, sql)) {
                cross(operation, "schema " + connection.schema, connection.schemaTenant, tenant,
                        "jdbc.schemas " + schemas, sql, key);
            }
        }
        if (analysis == null) {
            return;
        }
        if (!privileged) {
            checkAnalysis(db, connection, analysis, prepared, tenant, operation, sql, key);
            if (!analysis.schemaChanges().isEmpty()) {
                schemaChanges.judge(analysis, tenant, sql);
            }
        }
        if (connection != null) {
            switched(connection, analysis.schemaTenants());
        }
    }

    private void checkAnalysis(Object db, ConnectionState connection, SqlAnalysis analysis, GuardedStatement prepared,
            String tenant, String operation, String sql, String key) {
        if (tenant == null && analysis.touchesTenantTables()) {
            enforcer.violation(mode, ViolationKind.NO_TENANT, FAMILY, operation,
                    String.join(", ", analysis.tenantTables()), null, null, columnRule, sql, key);
        }
        // indexed loops: no iterator on the allow path, whether or not the JIT removes it
        List<SqlProblem> problems = analysis.problems();
        if (tenant != null && analysis.keyedWrite() != null && connection != null) {
            problems = List.of(); // its only problem, answered by the owner of the row it pins
            judgeByOwner(db, connection, analysis, prepared, tenant, operation, sql, key);
        }
        for (int i = 0; i < problems.size(); i++) {
            SqlProblem problem = problems.get(i);
            ViolationKind kind = problem.unverifiable() ? ViolationKind.NOT_VERIFIED
                    : tenant == null ? ViolationKind.NO_TENANT : ViolationKind.UNSCOPED_QUERY;
            enforcer.violation(mode, kind, FAMILY, operation, problem.resource(), null, tenant,
                    kind == ViolationKind.NOT_VERIFIED ? problem.detail() : problem.reason(), sql, key);
        }
        List<LiteralTenant> literals = analysis.literalTenants();
        for (int i = 0; i < literals.size(); i++) {
            LiteralTenant literal = literals.get(i);
            if (!literal.tenant().equals(tenant)) {
                cross(operation, literal.table(), literal.tenant(), tenant, columnRule + " (" + literal.clause() + ")", sql, key);
            }
        }
        Object binds = prepared == null ? null : prepared.tenantGuard$binds();
        List<TenantParameter> parameters = analysis.tenantParameters();
        for (int i = 0; i < parameters.size(); i++) {
            TenantParameter parameter = parameters.get(i);
            checkBound(analysis, prepared, binds, parameter.index(), parameter, tenant, operation, sql, key);
        }
        List<SchemaTenant> schemaTenants = analysis.schemaTenants();
        for (int i = 0; i < schemaTenants.size(); i++) {
            SchemaTenant schema = schemaTenants.get(i);
            if (schema.tenant() != null && !schema.tenant().equals(tenant)
                    && !migratingWithoutTenant(tenant, operation, "schema " + schema.schema(), sql)) {
                cross(operation, schema.table() == null ? "schema " + schema.schema() : schema.schema() + "." + schema.table(),
                        schema.tenant(), tenant, "jdbc.schemas " + schemas, sql, key);
            }
        }
        List<RlsValue> rlsValues = analysis.rlsValues();
        for (int i = 0; i < rlsValues.size(); i++) {
            RlsValue rls = rlsValues.get(i);
            if (rls.isParameter()) {
                checkBound(analysis, prepared, binds, rls.parameterIndex(), rls, tenant, operation, sql, key);
            } else if (!rls.literal().equals(tenant)) {
                cross(operation, "setting " + rls.setting(), rls.literal(), tenant, "jdbc.rlsSetting " + rls.setting(), sql, key);
            }
        }
    }

    /**
     * An UPDATE or DELETE by primary key without the tenant column: allowed when the row it pins is the
     * tenant's or does not exist, a crossing when it is another tenant's, and unscoped as the SQL says
     * when the owner cannot be looked up.
     */
    private void judgeByOwner(Object db, ConnectionState connection, SqlAnalysis analysis, GuardedStatement prepared,
            String tenant, String operation, String sql, String key) {
        KeyedWrite write = analysis.keyedWrite();
        RowOwners.Verdict verdict = rowOwners.judge(db, connection, write, analysis, prepared, tenant);
        if (verdict == RowOwners.Verdict.OWN) {
            return;
        }
        if (verdict == RowOwners.Verdict.NOT_BY_KEY) {
            enforcer.violation(mode, ViolationKind.UNSCOPED_QUERY, FAMILY, operation, write.table(), null, tenant,
                    write.reason(), sql, key);
        } else if (verdict.owner() != null) {
            // e.g. "jdbc.column tenant_id: the row the UPDATE names by its primary key (id) is that tenant's,
            // read before the UPDATE ran"; the owner itself is in the sentence ("owned by tenant globex")
            cross(operation, write.table(), verdict.owner(), tenant, columnRule + ": " + verdict.rowOf(operation)
                    + " is that tenant's, read before the " + operation + " ran", sql, key);
        } else {
            enforcer.violation(mode, ViolationKind.UNSCOPED_QUERY, FAMILY, operation, write.table(), null, tenant,
                    write.reason() + ", and the owner of the row it pins could not be looked up: " + verdict.unknown(), sql, key);
        }
    }

    /**
     * The value bound to a tenant parameter must be the current tenant: a value the agent did not
     * capture is not verified; SQL NULL restricts to no tenant's rows and writes a row of none.
     * Runs on the allow path: the sentences are built only for a violation.
     */
    private void checkBound(SqlAnalysis analysis, GuardedStatement prepared, Object binds, int index, Object site,
            String tenant, String operation, String sql, String key) {
        Object value = BoundTenants.value(analysis, binds, index);
        String unknown = BoundTenants.unknown(value);
        long number = value == BoundTenants.NUMBER ? BoundTenants.number(prepared, binds, index) : 0;
        if (unknown == null && value != BoundTenants.NULL && BoundTenants.matches(value, number, tenant)) {
            return; // the allow path: nothing built
        }
        TenantParameter parameter = site instanceof TenantParameter p ? p : null;
        String setting = parameter == null ? ((RlsValue) site).setting() : null;
        String resource = parameter != null ? parameter.table() : "setting " + setting;
        String what = parameter != null
                ? policy.column() + " (parameter " + index + ", " + parameter.clause() + ")"
                : setting + " (parameter " + index + ")";
        if (unknown != null) {
            enforcer.violation(mode, ViolationKind.NOT_VERIFIED, FAMILY, operation, resource, null, tenant,
                    "the value bound to " + what + " " + unknown, sql, key);
        } else if (value == BoundTenants.NULL) {
            enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.UNSCOPED_QUERY, FAMILY,
                    operation, resource, null, tenant, "the value bound to " + what + " is NULL, which is no tenant", sql, key);
        } else {
            cross(operation, resource, BoundTenants.text(value, number), tenant, parameter != null
                    ? columnRule + " (" + parameter.clause() + ", parameter " + index + ")"
                    : "jdbc.rlsSetting " + setting, sql, key);
        }
    }

    /** {@code key}: what tells its repeats apart, the statement's shape ({@link CheckedSql#statementKey()}). */
    private void cross(String operation, String resource, String owner, String tenant, String rule, String sql,
            String key) {
        enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.CROSS_TENANT, FAMILY,
                operation, resource, owner, tenant, rule, sql, key);
    }

    /**
     * After a statement that switched the schema ran: the connection is the tenant's whose schema the
     * path lists ({@code SET search_path TO tenant_acme, public}), or no tenant's when it lists none (a
     * switch to {@code public}, a reset). A path with two tenants' schemas was a crossing already.
     */
    private static void switched(ConnectionState connection, List<SchemaTenant> schemaTenants) {
        boolean switched = false;
        String schema = null;
        String owner = null;
        for (int i = 0; i < schemaTenants.size(); i++) { // indexed: no iterator on the allow path
            SchemaTenant entry = schemaTenants.get(i);
            if (entry.schemaSwitch() && (!switched || owner == null && entry.tenant() != null)) {
                switched = true;
                schema = entry.schema();
                owner = entry.tenant();
            }
        }
        if (switched) {
            connection.schema = schema;
            connection.schemaTenant = owner;
        }
    }

    private static boolean switchesSchema(SqlAnalysis analysis) {
        if (analysis != null) {
            List<SchemaTenant> schemaTenants = analysis.schemaTenants();
            for (int i = 0; i < schemaTenants.size(); i++) {
                if (schemaTenants.get(i).schemaSwitch()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean concernsTenants(SqlAnalysis analysis) {
        // tenants named without a tenant table: the tenant arguments of a trusted routine
        return analysis.touchesTenantTables() || !analysis.problems().isEmpty() || !analysis.schemaTenants().isEmpty()
                || !analysis.rlsValues().isEmpty() || !analysis.tenantParameters().isEmpty()
                || !analysis.literalTenants().isEmpty();
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
