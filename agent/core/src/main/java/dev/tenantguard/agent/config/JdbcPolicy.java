package dev.tenantguard.agent.config;

import java.util.List;

/**
 * The {@code jdbc.*} keys.
 *
 * @param mode       {@code jdbc.mode}, defaulting to {@code mode}
 * @param column     {@code jdbc.column}: the tenant column of shared tables, or {@code null}
 * @param tables     {@code jdbc.tables}: tenant table names, or the single word {@link #AUTO}
 * @param schemas    {@code jdbc.schemas}: schema patterns with {@code {tenant}}
 * @param databases  {@code jdbc.databases}: JDBC URL patterns with {@code {tenant}}
 * @param rlsSetting {@code jdbc.rlsSetting}: the session setting row-level security reads, or {@code null}
 * @param trustedRoutines {@code jdbc.trustedRoutines}: routines (procedures, set-returning functions), each
 *                   {@code name} or {@code schema.name}, optionally with its arguments ({@code delete_order(tenant, _)}),
 *                   whose calls are allowed unverified, audited by whoever wrote the policy; lower case
 */
public record JdbcPolicy(Mode mode, String column, List<String> tables, List<String> schemas,
        List<String> databases, String rlsSetting, List<String> trustedRoutines) {

    /** {@code jdbc.tables: auto}: every table that has the tenant column, from the database's metadata. */
    public static final String AUTO = "auto";

    public JdbcPolicy {
        tables = List.copyOf(tables);
        schemas = List.copyOf(schemas);
        databases = List.copyOf(databases);
        trustedRoutines = List.copyOf(trustedRoutines);
    }

    /** Without trusted routines. */
    public JdbcPolicy(Mode mode, String column, List<String> tables, List<String> schemas, List<String> databases,
            String rlsSetting) {
        this(mode, column, tables, schemas, databases, rlsSetting, List.of());
    }

    public boolean autoTables() {
        return tables.equals(List.of(AUTO));
    }

    /** Whether anything is guarded: without rules the family is not instrumented at all. */
    public boolean guardsAnything() {
        return mode != Mode.OFF
                && ((column != null && !tables.isEmpty()) || !schemas.isEmpty() || !databases.isEmpty()
                        || rlsSetting != null);
    }
}
