package dev.tenantguard.internal;

/** Added by the agent to JDBC connection classes as they load: the connection's tenant facts. */
public interface GuardedConnection {
    /** The agent's state of this connection (its database and schema tenants), or {@code null}. */
    Object tenantGuard$state();

    void tenantGuard$state(Object state);
}
