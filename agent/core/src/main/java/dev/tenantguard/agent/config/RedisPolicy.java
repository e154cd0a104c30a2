package dev.tenantguard.agent.config;

import java.util.List;

/**
 * The {@code redis.*} keys.
 *
 * @param mode {@code redis.mode}, defaulting to {@code mode}
 * @param keys {@code redis.keys}: key patterns with {@code :} as the separator and {@code {tenant}}
 *             in one segment, e.g. {@code tenant:{tenant}:**}; they also cover pub/sub channels
 */
public record RedisPolicy(Mode mode, List<String> keys) {
    public RedisPolicy {
        keys = List.copyOf(keys);
    }

    /** Redis not guarded. */
    public static RedisPolicy none(Mode mode) {
        return new RedisPolicy(mode, List.of());
    }

    /** Whether the Redis clients are instrumented: only with key rules, and a mode other than off. */
    public boolean guarded() {
        return mode != Mode.OFF && !keys.isEmpty();
    }
}
