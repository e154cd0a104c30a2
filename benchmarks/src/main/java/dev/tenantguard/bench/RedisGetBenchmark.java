package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.JedisPooled;

/**
 * A GET on the Redis on 127.0.0.1:6379 with Lettuce (sync) and Jedis ({@code JedisPooled}): the
 * tenant's own key (allow path: the command's spec looked up, its key read and matched in place), or
 * in the report arm another tenant's key (deny path).
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.TG_REPORT})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedisGetBenchmark {
    static final String OWN_KEY = "tenant:" + BenchFixture.TENANT + ":bench:get";
    static final String OTHER_KEY = "tenant:other:bench:get";

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> lettuce;
    private JedisPooled jedis;
    private String key;
    private TenantScope scope;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        client = RedisClient.create("redis://127.0.0.1:6379");
        connection = client.connect();
        lettuce = connection.sync();
        jedis = new JedisPooled("127.0.0.1", 6379);
        TenantContext.privileged("benchmark set-up", () -> {
            lettuce.set(OWN_KEY, "v");
            lettuce.set(OTHER_KEY, "v");
        });
        key = ArmCheck.denyPath() ? OTHER_KEY : OWN_KEY;
        scope = TenantContext.open(BenchFixture.TENANT);
        ArmCheck.crossing("a Lettuce GET", OTHER_KEY, false, () -> lettuce.get(OTHER_KEY));
        ArmCheck.crossing("a Jedis GET", OTHER_KEY, false, () -> jedis.get(OTHER_KEY));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (scope != null) {
            scope.close();
        }
        jedis.close();
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The tenant is entered per iteration, inside JMH's task (see {@code HttpGetBenchmark.enterTenant}). */
    @Setup(Level.Iteration)
    public void enterTenant() {
        if (scope == null) {
            scope = TenantContext.open(BenchFixture.TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        scope.close();
        scope = null;
    }

    @Benchmark
    public String lettuceGet() {
        return lettuce.get(key);
    }

    @Benchmark
    public String jedisGet() {
        return jedis.get(key);
    }
}
