package dev.tenantguard.internal;

/**
 * The agent's JDBC checker, behind {@link JdbcHooks}. Receivers are {@code java.sql} objects typed
 * {@code Object}: {@code java.sql} is not visible to the bootstrap loader.
 */
public interface JdbcGuard {
    /** A statement was created ({@code sql} null) or prepared on {@code connection}. */
    void prepared(Object connection, Object statement, String sql);

    /** A parameter was bound on a prepared statement. Must be cheap when the index is not a tenant one. */
    void bound(Object statement, int index, Object value);

    /**
     * A statement is about to run ({@code sql} for plain statements, null for prepared ones), or
     * a row is being added to a batch. Throws {@code TenantBoundaryViolation} to block it.
     */
    void execute(Object statement, String sql, ThreadState state);

    /** {@code Connection.setSchema} or {@code setCatalog} is about to switch the connection. */
    void switchSchema(Object connection, String schema, ThreadState state);
}
