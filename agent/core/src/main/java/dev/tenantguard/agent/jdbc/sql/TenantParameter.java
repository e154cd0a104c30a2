package dev.tenantguard.agent.jdbc.sql;

import java.util.Objects;

/**
 * A JDBC parameter whose bound value must equal the current tenant.
 *
 * @param index  the 1-based JDBC parameter index: the n-th {@code ?} of the SQL text (outside string
 *               literals, quoted identifiers and comments), counted across all statements of the text,
 *               exactly as {@code PreparedStatement.setXxx} numbers them
 * @param table  the tenant table it scopes (unqualified, lower case); for a value that reaches a tenant
 *               table through a derived table or CTE ({@code (SELECT ? AS tenant_id) s}), that derived
 *               table's name
 * @param clause where it stands, for the report ({@code "WHERE"}, {@code "VALUES row 1"}, …)
 */
public record TenantParameter(int index, String table, String clause) {
    public TenantParameter {
        if (index < 1) {
            throw new IllegalArgumentException("JDBC parameter indexes start at 1: " + index);
        }
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(clause, "clause");
    }
}
