package dev.tenantguard.agent.jdbc.sql;

import java.util.Objects;

/**
 * A tenant implied by a schema-per-tenant name: a schema-qualified table ({@code tenant_globex.orders})
 * or a schema switch ({@code SET search_path TO tenant_globex}, {@code SET SCHEMA 'tenant_globex'},
 * {@code USE tenant_globex}).
 *
 * @param tenant       the tenant the schema pattern resolves to, in lower case (unquoted identifiers
 *                     fold case, so the schema's spelling cannot carry the tenant's case); {@code null} for
 *                     a switch to a schema of no tenant (or a reset to the session's default), which ends
 *                     the connection's being a tenant's
 * @param schema       the schema name as matched, lower case
 * @param table        the qualified table (unqualified name, lower case), or {@code null} for a switch
 * @param schemaSwitch true when the statement changes the session's schema rather than naming a table
 */
public record SchemaTenant(String tenant, String schema, String table, boolean schemaSwitch) {
    public SchemaTenant {
        if (!schemaSwitch) {
            Objects.requireNonNull(tenant, "tenant");
        }
        Objects.requireNonNull(schema, "schema");
    }
}
