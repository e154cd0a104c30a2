package dev.tenantguard.agent.jdbc.sql;

import java.util.Objects;

/**
 * A reason why a statement is an {@code UNSCOPED_QUERY}: a tenant table that it reads or writes
 * without restricting the tenant column to the current tenant, or a part of it that could not be
 * verified (the reason then starts with {@code "could not be verified"}).
 *
 * @param resource the tenant table concerned (unqualified, lower case), or the RLS setting name
 *                 when the problem is about a session variable
 * @param reason   a sentence for the violation report, e.g.
 *                 {@code "orders in the SELECT is not restricted by tenant_id"}
 */
public record SqlProblem(String resource, String reason) {
    public SqlProblem {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether this is a part of the statement the analyzer could not verify (not a proven lack of scope). */
    public boolean unverifiable() {
        return reason.startsWith(Findings.UNVERIFIABLE);
    }

    /** The reason without its {@code "could not be verified: "} prefix. */
    public String detail() {
        return unverifiable() ? reason.substring(Findings.UNVERIFIABLE.length()) : reason;
    }
}
