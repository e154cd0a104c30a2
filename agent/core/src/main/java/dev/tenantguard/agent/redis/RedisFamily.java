package dev.tenantguard.agent.redis;

import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.config.RedisPolicy;
import dev.tenantguard.agent.policy.KeyRules;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.RedisHooks;
import java.util.List;

/**
 * Redis: the Lettuce and Jedis clients instrumented as they load ({@link RedisInstrumentation}),
 * every key, channel and key pattern of every command checked against {@code redis.keys} by
 * {@link RedisChecker} behind {@link RedisHooks}.
 */
public final class RedisFamily implements Family {
    @Override
    public String name() {
        return RedisChecker.FAMILY;
    }

    @Override
    public boolean guarded(Policy policy) {
        return policy.redis().guarded();
    }

    @Override
    public List<TypeInstrumentation> libraryTypes() {
        return List.of(RedisInstrumentation.TYPES);
    }

    @Override
    public String unprovenConsequence() {
        return "Redis commands would not be checked.";
    }

    @Override
    public void arm(Armed armed) {
        RedisPolicy redis = armed.policy().redis();
        RedisHooks.install(armed.key(), new RedisChecker(new KeyRules(redis.keys()), redis.mode(), armed.enforcer()));
        armed.modes().guarded(name(), redis.mode());
    }

    @Override
    public String status(Policy policy) {
        RedisPolicy redis = policy.redis();
        return redis.guarded() ? "redis " + redis.mode().name().toLowerCase() + " (" + redis.keys().size() + " key rules)"
                : "redis not guarded";
    }
}
