package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.jdbc.sql.SchemaChange;
import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.api.ViolationKind;

/**
 * Judges the schema statements on tenant tables a SQL text makes ({@link SqlAnalysis#schemaChanges()}),
 * outside a privileged scope (inside one nothing is checked):
 *
 * <ul>
 * <li>statements that build (CREATE, ALTER, COMMENT, GRANT) are not tenant data access: recorded as an
 *     audit event ({@code SCHEMA}, action {@code AUDIT}), never a violation, with or without a tenant —
 *     Flyway's and Liquibase's migrations and a {@code CREATE TABLE IF NOT EXISTS} at start-up run in
 *     {@code enforce};</li>
 * <li>statements that destroy every tenant's rows (DROP or TRUNCATE of a tenant table, dropping or
 *     renaming its tenant column) and code the analyzer cannot read (a {@code DO} block, a function or
 *     trigger definition) are audited when a migration tool (Flyway, Liquibase) runs them, and are an
 *     {@code UNSCOPED_QUERY} otherwise — blocked in {@code enforce} whether or not a tenant is in context.</li>
 * </ul>
 */
final class SchemaChanges {
    private final Mode mode;
    private final BoundaryEnforcer enforcer;

    SchemaChanges(Mode mode, BoundaryEnforcer enforcer) {
        this.mode = mode;
        this.enforcer = enforcer;
    }

    void judge(SqlAnalysis analysis, String tenant, String sql) {
        for (SchemaChange change : analysis.schemaChanges()) {
            String operation = change.operation().name();
            if (change.effect() == SchemaChange.Effect.BUILD) {
                enforcer.audit("SCHEMA", JdbcChecker.FAMILY, operation, change.table(), tenant, change.description(), sql);
                continue;
            }
            String tool = MigrationFrames.toolOnStack();
            if (tool != null) {
                enforcer.audit("SCHEMA", JdbcChecker.FAMILY, operation, change.table(), tenant,
                        change.description() + " (run by " + tool + ")", sql);
            } else {
                // code the analyzer cannot read is not verified; a destructive statement is unscoped
                ViolationKind kind = change.effect() == SchemaChange.Effect.PROCEDURAL ? ViolationKind.NOT_VERIFIED
                        : ViolationKind.UNSCOPED_QUERY;
                enforcer.violation(mode, kind, JdbcChecker.FAMILY, operation, change.table(), null,
                        tenant, change.description() + ": allowed only in a privileged scope or a migration tool's"
                                + " migration", sql);
            }
        }
    }
}
