package dev.tenantguard.agent.redis;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.agent.redis.library.RedisCommandAccess;
import dev.tenantguard.agent.tooling.ClassFileFilter;
import dev.tenantguard.agent.tooling.Transformers;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.RedisHooks;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Redis clients, as their classes load, each command caught before it is written:
 * <ul>
 * <li>Lettuce 6/7: {@code RedisChannelHandler.dispatch(RedisCommand)} and
 *     {@code dispatch(Collection)} — every command of the sync, async and reactive APIs, of
 *     transactions, pipelines (auto-flush off), pub/sub and cluster connections passes there on the
 *     calling (or subscribing) thread; the subclasses' overrides call it.</li>
 * <li>Jedis 5+: {@code Connection.sendCommand(CommandArguments)} — {@code Jedis}, {@code JedisPooled},
 *     {@code UnifiedJedis}, {@code JedisCluster}, pipelines, transactions and pub/sub all write through
 *     it (the only caller of {@code Protocol.sendCommand}).</li>
 * </ul>
 * Spring Data Redis and Spring Cache over Redis use these clients and are covered through them.
 */
final class RedisInstrumentation {
    static final String LETTUCE_HANDLER = "io.lettuce.core.RedisChannelHandler";
    static final String JEDIS_CONNECTION = "redis.clients.jedis.Connection";

    static final TypeInstrumentation TYPES = new TypeInstrumentation("its commands are not checked",
            ClassFileFilter.classes(List.of(LETTUCE_HANDLER, JEDIS_CONNECTION)), false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            return builder
                    .type(named(LETTUCE_HANDLER))
                    .transform(Transformers.adviceOrRefuse("redis", LettuceDispatch.class,
                            named("dispatch").and(takesArguments(1))
                                    .and(takesArgument(0, named("io.lettuce.core.protocol.RedisCommand"))),
                            "Lettuce", RedisCommandAccess.reads(RedisHooks.LETTUCE)))
                    .transform(Transformers.adviceOrRefuse("redis", LettuceDispatchBatch.class,
                            named("dispatch").and(takesArguments(1)).and(takesArgument(0, named("java.util.Collection"))),
                            "Lettuce batches", RedisCommandAccess.reads(RedisHooks.LETTUCE)))
                    .type(named(JEDIS_CONNECTION))
                    .transform(Transformers.adviceOrRefuse("redis", JedisSend.class,
                            named("sendCommand").and(takesArguments(1))
                                    .and(takesArgument(0, named("redis.clients.jedis.CommandArguments"))),
                            "Jedis", RedisCommandAccess.reads(RedisHooks.JEDIS)));
        }
    };

    private RedisInstrumentation() {
    }

    /** io.lettuce.core.RedisChannelHandler.dispatch(RedisCommand). */
    static final class LettuceDispatch {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object command) {
            RedisHooks.command(RedisHooks.LETTUCE, command);
        }
    }

    /** io.lettuce.core.RedisChannelHandler.dispatch(Collection&lt;RedisCommand&gt;). */
    static final class LettuceDispatchBatch {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object commands) {
            RedisHooks.command(RedisHooks.LETTUCE_BATCH, commands);
        }
    }

    /** redis.clients.jedis.Connection.sendCommand(CommandArguments). */
    static final class JedisSend {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object arguments) {
            RedisHooks.command(RedisHooks.JEDIS, arguments);
        }
    }
}
