package dev.tenantguard.internal;

/** The agent's Redis checker, behind {@link RedisHooks}. */
public interface RedisGuard {
    /**
     * Checks every key, channel and pattern of a command about to be written to Redis; throws
     * {@code TenantBoundaryViolation} to block it. {@code Object} because this loader cannot see
     * the client library.
     *
     * @param library one of {@link RedisHooks#LETTUCE}, {@link RedisHooks#LETTUCE_BATCH}, {@link RedisHooks#JEDIS}
     */
    void command(int library, Object command, ThreadState state);
}
