package dev.tenantguard.agent.jdbc.sql;

import java.util.Objects;

/**
 * A tenant written into the SQL text as a literal, which must equal the current tenant:
 * {@code orders.tenant_id = 'globex'}, an {@code INSERT} row's value for the tenant column, or
 * {@code UPDATE … SET tenant_id = 'globex'}.
 *
 * @param tenant the literal's value, unquoted ({@code globex})
 * @param table  the tenant table it scopes (unqualified, lower case); for a value that reaches a tenant
 *               table through a derived table or CTE ({@code (SELECT 'acme' AS tenant_id) s}), that
 *               derived table's name
 * @param clause where it stands, for the report ({@code "WHERE"}, {@code "VALUES row 2"}, …)
 */
public record LiteralTenant(String tenant, String table, String clause) {
    public LiteralTenant {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(clause, "clause");
    }
}
