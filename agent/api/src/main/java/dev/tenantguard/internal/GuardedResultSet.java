package dev.tenantguard.internal;

/**
 * Added by the agent to JDBC result set classes as they load: what the application set on the row it
 * writes through an updatable result set ({@code updateXxx} before {@code updateRow}/{@code insertRow}),
 * kept on the result set itself. The value is the agent's own object, typed {@code Object} because this
 * interface must link in the bootstrap loader.
 */
public interface GuardedResultSet {
    Object tenantGuard$row();

    void tenantGuard$row(Object row);
}
