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

    /** A number was bound by {@code setInt/setLong/setShort/setByte}: no boxing on this path. */
    void boundNumber(Object statement, int index, long value);

    /**
     * A parameter was set in a way whose value the agent does not capture ({@code setBytes}, a stream,
     * a LOB, {@code setNull} …): {@code index} 0 means every parameter (a parameter bound by name, or
     * {@code clearParameters} when {@code setter} is null, which forgets what was bound).
     */
    void notCaptured(Object statement, int index, String setter);

    /**
     * A statement is about to run ({@code sql} for plain statements, null for prepared ones), or
     * a row is being added to a batch. Throws {@code TenantBoundaryViolation} to block it.
     */
    void execute(Object statement, String sql, ThreadState state);

    /**
     * A row is being added to the batch of a prepared statement: checked as {@link #execute}, then
     * what was bound is forgotten, so the next row is judged on its own binds only.
     */
    void batchRow(Object statement, ThreadState state);

    /** Hibernate built {@code sessionFactory}: its tenant resolver may give the tenant of calls with none. */
    void sessionFactory(Object sessionFactory);

    /** {@code Connection.setSchema} or {@code setCatalog} is about to switch the connection. */
    void switchSchema(Object connection, String schema, ThreadState state);

    /**
     * {@code ResultSet.updateXxx(column, value)} of an updatable result set: {@code column} is the
     * index (an {@code Integer}) or the label, {@code value} what the application set (null for
     * {@code updateNull}). Must be cheap when the column is not the tenant column.
     */
    void rowValue(Object resultSet, Object column, Object value);

    /** {@code moveToInsertRow} or {@code cancelRowUpdates}, or a row written: what was set is forgotten. */
    void rowReset(Object resultSet);

    /**
     * {@code ResultSet.updateRow}, {@code insertRow} or {@code deleteRow} ({@code operation} UPDATE, INSERT,
     * DELETE) is about to make the driver write the row. Throws {@code TenantBoundaryViolation} to block it.
     */
    void rowWrite(Object resultSet, String operation, ThreadState state);

    /**
     * The JDBC index that {@code CallableStatement.setXxx(name, …)} binds on this statement, or 0 when it is
     * not known (the setter is then judged as a parameter bound by name whose value is not captured).
     */
    int indexOfName(Object statement, String name);
}
