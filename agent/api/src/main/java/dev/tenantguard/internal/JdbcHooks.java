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
