package dev.tenantguard.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The capability the agent receives once, at start: every bootstrap entry point that installs a
 * checker, or writes a field of {@link ThreadState} that decides a check, takes it and refuses any
 * other value. The application runs after premain, so it can neither claim the key nor forge it
 * (identity is compared, and the instance is a {@code static final}); private fields of the agent's
 * classes are out of reflection's reach once the agent is armed ({@link ReflectionHooks}).
 */
public final class AgentKey {
    /** Package-private: this package's unit tests use it; other loaders cannot reach it. */
    static final AgentKey KEY = new AgentKey();
    private static final AtomicBoolean CLAIMED = new AtomicBoolean();

    private AgentKey() {
    }

    /**
     * The key, to its first caller — the agent, at start. Every later call is refused.
     *
     * @throws SecurityException when the key was claimed already
     */
    public static AgentKey claim() {
        if (!CLAIMED.compareAndSet(false, true)) {
            throw new SecurityException("tenant-guard: the agent key was claimed already; refused");
        }
        return KEY;
    }

    /** Throws unless {@code key} is the agent's key. */
    static void check(AgentKey key) {
        if (key != KEY) {
            throw new SecurityException("tenant-guard: refused: only the agent may do this");
        }
    }
}
