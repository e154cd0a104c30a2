package dev.tenantguard.agent.jdbc.sql;

/**
 * A schema statement on a tenant table ({@link SchemaStatement}): not an access to tenant rows, so
 * it is not required to restrict the tenant column; how it is judged depends on its {@link Effect}.
 *
 * @param operation   what it does: CREATE, ALTER, GRANT, DROP, TRUNCATE, DO
 * @param table       the tenant table it names (the first one, lower case)
 * @param effect      whether it builds, destroys every tenant's rows, or runs code
 * @param description one sentence for the report, e.g. "TRUNCATE of jc_visits removes every tenant's rows"
 */
public record SchemaChange(SqlOperation operation, String table, Effect effect, String description) {

    /** How a schema statement affects the tenants' rows. */
    public enum Effect {
        /** Creates or alters structure (tables, partitions, indexes, constraints, comments, grants): audited. */
        BUILD,
        /**
         * Removes every tenant's rows at once (DROP or TRUNCATE of a tenant table, dropping or renaming its
         * tenant column): refused outside a privileged scope or a migration tool.
         */
        DESTRUCTIVE,
        /**
         * Runs or defines code the analyzer cannot read (a PostgreSQL {@code DO} block, a function, procedure,
         * trigger or rule): accepted from a migration tool, else not verifiable.
         */
        PROCEDURAL
    }
}
