package dev.tenantguard.agent.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.KeyRules;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.internal.RedisHooks;
import dev.tenantguard.internal.TestThreads;
import dev.tenantguard.internal.ThreadState;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;

/**
 * The allow path of the Redis checker on the clients' real command objects allocates nothing: the
 * spec found by the client's enum constant, the keys read in place through method handles and
 * matched in place. Measured with the thread's allocated-bytes counter after warm-up.
 */
class RedisAllowPathAllocationTest {
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;

    private final CollectingSink sink = new CollectingSink();
    private final RedisChecker checker = new RedisChecker(new KeyRules(List.of("tenant:{tenant}:**", "cache:*:{tenant}")),
            Mode.ENFORCE, new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()),
                    NoTenantResponse.ENFORCE, 12));

    @AfterEach
    void clear() {
        ThreadState.current().tenant(TestThreads.KEY, null);
    }

    @Test
    void lettuceGetAndMsetOfOwnKeysAllocateNothing() {
        Command<String, String, String> get = new Command<>(CommandType.GET, new ValueOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey("tenant:acme:cart:42"));
        Command<String, String, String> mset = new Command<>(CommandType.MSET, new ValueOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey("tenant:acme:a").addValue("1").addKey("free:b").addValue("2"));
        assertAllocatesNothing(RedisHooks.LETTUCE, get, mset);
    }

    @Test
    void jedisGetAndMsetOfOwnKeysAllocateNothing() {
        CommandArguments get = new CommandArguments(Protocol.Command.GET).key("tenant:acme:cart:42");
        CommandArguments mset = new CommandArguments(Protocol.Command.MSET).key("tenant:acme:a").add("1")
                .key("free:b").add("2");
        assertAllocatesNothing(RedisHooks.JEDIS, get, mset);
    }

    private void assertAllocatesNothing(int library, Object... commands) {
        ThreadState state = ThreadState.current();
        state.tenant(TestThreads.KEY, "acme");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < WARM_UP; i++) {
            checker.command(library, commands[i % commands.length], state);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < MEASURED; i++) {
            checker.command(library, commands[i % commands.length], state);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(List.of(), sink.writes(), "own keys and keys under no rule are allowed");
        // the counter itself may allocate a few bytes; one allocation per command would be >= 1.6 MB
        assertTrue(allocated < 4_096, allocated + " bytes allocated by " + MEASURED + " allowed commands");
    }
}
