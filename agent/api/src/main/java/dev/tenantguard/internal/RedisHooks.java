package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;

/**
 * Entry points of the Redis advice: one call per command (or batch of commands) a client is about
 * to write, before a byte leaves. The allow path: one field read, one thread-local read, and the
 * checker's allocation-free reading of the command's keys.
 */
public final class RedisHooks {
    /** {@link #command}: a Lettuce {@code RedisCommand}. */
    public static final int LETTUCE = 0;
    /** {@link #command}: a {@code Collection} of Lettuce {@code RedisCommand}s dispatched together. */
    public static final int LETTUCE_BATCH = 1;
    /** {@link #command}: Jedis {@code CommandArguments}. */
    public static final int JEDIS = 2;

    private static volatile RedisGuard guard;
    private static boolean installed;

    private RedisHooks() {
    }

    /**
     * Installs the agent's Redis checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, RedisGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the Redis guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** A command about to be written; throws {@link TenantBoundaryViolation} to block it. */
    public static void command(int library, Object command) {
        RedisGuard g = guard;
        if (g == null || command == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.command(library, command, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("redis", "RedisHooks.command", t);
        } finally {
            s.busy = false;
        }
    }
}
