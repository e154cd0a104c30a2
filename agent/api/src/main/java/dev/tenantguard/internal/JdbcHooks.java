package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;

/**
 * Entry points of the JDBC advice. A driver's {@code executeQuery} calling its own {@code execute},
 * or a pool's proxy statement calling the driver's, is one logical call: only the outermost is
 * checked ({@link ThreadState#jdbcDepth}).
 */
public final class JdbcHooks {
    private static volatile JdbcGuard guard;
    private static boolean installed;

    private JdbcHooks() {
    }

    /**
     * Installs the agent's JDBC checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, JdbcGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the JDBC guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** The agent's self-test: a probe guard (or {@code null}) before {@link #install}; refused after it. */
    public static synchronized void probe(AgentKey key, JdbcGuard g) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the JDBC guard is installed; refused");
        }
        guard = g;
    }

    /** Exit of {@code createStatement}, {@code prepareStatement}, {@code prepareCall}. */
    public static void prepared(Object connection, Object statement, String sql) {
        JdbcGuard g = guard;
        if (g == null || !(statement instanceof GuardedStatement)) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.prepared(connection, statement, sql);
        } catch (Throwable t) {
            AgentErrors.internalError("jdbc", "JdbcHooks.prepared", t);
        } finally {
            s.busy = false;
        }
    }

    /** Enter of {@code setString}, {@code setNString}, {@code setObject} on a prepared statement. */
    public static void bound(Object statement, int index, Object value) {
        JdbcGuard g = guard;
        if (g == null || !(statement instanceof GuardedStatement)
                || ((GuardedStatement) statement).tenantGuard$analysis() == null) {
            return;
        }
        try {
            g.bound(statement, index, value);
        } catch (Throwable t) {
            forget(statement, t);
        }
    }

    /** Enter of {@code setInt}, {@code setLong}, {@code setShort}, {@code setByte}: the number, unboxed. */
    public static void boundNumber(Object statement, int index, long value) {
        JdbcGuard g = guard;
        if (g == null || !(statement instanceof GuardedStatement)
                || ((GuardedStatement) statement).tenantGuard$analysis() == null) {
            return;
        }
        try {
            g.boundNumber(statement, index, value);
        } catch (Throwable t) {
            forget(statement, t);
        }
    }

    /**
     * Enter of every other setter of a parameter, by index or (index 0) by name, and of
     * {@code clearParameters} (setter null).
     */
    public static void notCaptured(Object statement, int index, String setter) {
        JdbcGuard g = guard;
        if (g == null || !(statement instanceof GuardedStatement)
                || ((GuardedStatement) statement).tenantGuard$analysis() == null) {
            return;
        }
        try {
            g.notCaptured(statement, index, setter);
        } catch (Throwable t) {
            forget(statement, t);
        }
    }

    /** Enter of {@code CallableStatement.setString/setNString/setObject/setBigDecimal(String name, …)}. */
    public static void boundByName(Object statement, String name, Object value, String setter) {
        int index = indexOfName(statement, name);
        if (index > 0) {
            bound(statement, index, value);
        } else {
            notCaptured(statement, 0, setter);
        }
    }

    /** Enter of {@code CallableStatement.setInt/setLong/setShort/setByte(String name, n)}. */
    public static void boundNumberByName(Object statement, String name, long value, String setter) {
        int index = indexOfName(statement, name);
        if (index > 0) {
            boundNumber(statement, index, value);
        } else {
            notCaptured(statement, 0, setter);
        }
    }

    /** Enter of every other {@code CallableStatement.setXxx(String name, …)}. */
    public static void notCapturedByName(Object statement, String name, String setter) {
        int index = indexOfName(statement, name);
        // index 0 forgets every parameter; setNull there would be read as a NULL bound to index 0
        notCaptured(statement, index, index == 0 && "setNull".equals(setter) ? "setNull (by name)" : setter);
    }

    /**
     * The index a parameter name stands for, or 0 when the agent does not know it (the checker may read the
     * routine's parameters from the database's metadata, once per routine and connection: busy meanwhile).
     */
    private static int indexOfName(Object statement, String name) {
        JdbcGuard g = guard;
        if (g == null || !(statement instanceof GuardedStatement)
                || ((GuardedStatement) statement).tenantGuard$analysis() == null) {
            return 0;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return 0;
        }
        s.busy = true;
        try {
            return g.indexOfName(statement, name);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
            return 0;
        } finally {
            s.busy = false;
        }
    }

    /** Enter of {@code PreparedStatement.addBatch()}: a row checked, then its binds forgotten. */
    public static ThreadState enterRow(Object statement) {
        JdbcGuard g = guard;
        if (g == null) {
            return null;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return null;
        }
        if (s.jdbcDepth == 0) {
            s.busy = true;
            try {
                g.batchRow(statement, s);
            } catch (TenantBoundaryViolation v) {
                throw v;
            } catch (Throwable t) {
                AgentErrors.internalError(t);
            } finally {
                s.busy = false;
            }
        }
        s.jdbcDepth++;
        return s;
    }

    /**
     * A capture that failed leaves no earlier value behind: the statement's binds become the error,
     * which the checker reports as a value it did not capture.
     */
    private static void forget(Object statement, Throwable t) {
        ((GuardedStatement) statement).tenantGuard$binds(t);
        AgentErrors.internalError(t);
    }

    /**
     * Enter of {@code execute*}, {@code addBatch} and {@code executeBatch}: {@code check} false for
     * {@code executeBatch}, whose rows were checked as they were added. Returns the state for
     * {@link #exit}.
     */
    public static ThreadState enter(Object statement, String sql, boolean check) {
        JdbcGuard g = guard;
        if (g == null) {
            return null;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return null;
        }
        if (s.jdbcDepth == 0 && check) {
            s.busy = true;
            try {
                g.execute(statement, sql, s);
            } catch (TenantBoundaryViolation v) {
                throw v;
            } catch (Throwable t) {
                AgentErrors.internalError("jdbc", "JdbcHooks.execute", t);
            } finally {
                s.busy = false;
            }
        }
        s.jdbcDepth++;
        return s;
    }

    public static void exit(ThreadState state) {
        if (state != null && state.jdbcDepth > 0) {
            state.jdbcDepth--;
        }
    }

    /** Exit of Hibernate's {@code SessionFactoryImpl} constructor. */
    public static void sessionFactory(Object sessionFactory) {
        JdbcGuard g = guard;
        if (g == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        boolean busy = s.busy;
        s.busy = true;
        try {
            g.sessionFactory(sessionFactory);
        } catch (Throwable t) {
            AgentErrors.internalError("jdbc", "JdbcHooks.sessionFactory", t);
        } finally {
            s.busy = busy;
        }
    }

    /** Enter of {@code ResultSet.updateXxx(column, value)}: {@code column} an index or a label. */
    public static void rowValue(Object resultSet, Object column, Object value) {
        JdbcGuard g = guard;
        if (g == null || !(resultSet instanceof GuardedResultSet)) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy || s.jdbcDepth > 0) {
            return; // the driver's own calls inside a statement or a row write, not the application's
        }
        s.busy = true;
        try {
            g.rowValue(resultSet, column, value);
        } catch (Throwable t) {
            ((GuardedResultSet) resultSet).tenantGuard$row(t); // the value is unknown, not the previous one
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
    }

    /** Enter of {@code ResultSet.moveToInsertRow} and {@code cancelRowUpdates}. */
    public static void rowReset(Object resultSet) {
        if (resultSet instanceof GuardedResultSet) {
            ((GuardedResultSet) resultSet).tenantGuard$row(null);
        }
    }

    /**
     * Enter of {@code ResultSet.updateRow}, {@code insertRow}, {@code deleteRow}: the row is judged, then
     * the statements the driver runs to write it are inside this call ({@link ThreadState#jdbcDepth}) and
     * not judged again — they write the row just judged. Returns the state for {@link #rowWritten}.
     */
    public static ThreadState rowWrite(Object resultSet, String operation) {
        JdbcGuard g = guard;
        if (g == null) {
            return null;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return null;
        }
        if (s.jdbcDepth == 0) {
            s.busy = true;
            try {
                g.rowWrite(resultSet, operation, s);
            } catch (TenantBoundaryViolation v) {
                throw v;
            } catch (Throwable t) {
                AgentErrors.internalError("jdbc", "JdbcHooks.rowWrite", t);
            } finally {
                s.busy = false;
            }
        }
        s.jdbcDepth++;
        return s;
    }

    /**
     * Exit of {@code updateRow}, {@code insertRow}, {@code deleteRow}: a row written forgets what was set on
     * it; a write that failed keeps it, as the driver does, so a retry is judged on the same values.
     */
    public static void rowWritten(ThreadState state, Object resultSet, Throwable thrown) {
        exit(state);
        if (state != null && thrown == null && state.jdbcDepth == 0 && resultSet instanceof GuardedResultSet) {
            ((GuardedResultSet) resultSet).tenantGuard$row(null);
        }
    }

    /** Enter of {@code Connection.setSchema} and {@code setCatalog}. */
    public static void switchSchema(Object connection, String schema) {
        JdbcGuard g = guard;
        if (g == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy || s.jdbcDepth > 0) {
            return;
        }
        s.busy = true;
        try {
            g.switchSchema(connection, schema, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("jdbc", "JdbcHooks.switchSchema", t);
        } finally {
            s.busy = false;
        }
    }
}
