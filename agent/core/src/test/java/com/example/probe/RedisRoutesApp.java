package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.params.ScanParams;

/**
 * A stand-in service for the Redis integration tests: runs the commands given as arguments against
 * the Redis on 127.0.0.1:6379 and prints what happened to each.
 *
 * <p>A step is {@code client|tenant|OP|arg arg …}: client {@code lettuce} (sync), {@code lettuce-async},
 * {@code lettuce-reactive}, {@code jedis} ({@code Jedis}), {@code pooled} ({@code JedisPooled}) or
 * {@code pipeline} (a {@code JedisPooled} pipeline); tenant {@code -} for none, {@code !acme} for acme
 * inside a privileged scope; OP one of SET GET MGET MSET DEL EXPIRE HSET EVAL RENAME KEYS SCAN PUBLISH
 * SUBSCRIBE PSUBSCRIBE, or RAW (the rest sent through the library's generic command API, which marks no
 * argument as a key). Output: {@code STEP i OK result}, {@code STEP i BLOCKED kind message} or
 * {@code STEP i FAILED exception}.
 */
public final class RedisRoutesApp {
    private static final String SCRIPT = "return redis.call('SET', KEYS[1], ARGV[1])";

    private static RedisClient lettuceClient;
    private static StatefulRedisConnection<String, String> lettuce;
    private static StatefulRedisPubSubConnection<String, String> pubSub;
    private static Jedis jedis;
    private static JedisPooled pooled;

    private RedisRoutesApp() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < args.length; i++) {
            System.out.println("STEP " + i + " " + run(args[i].split("\\|", -1)));
        }
        if (lettuceClient != null) {
            if (pubSub != null) {
                pubSub.close();
            }
            lettuce.close();
            lettuceClient.shutdown(0, 2, TimeUnit.SECONDS);
        }
        if (jedis != null) {
            jedis.close();
        }
        if (pooled != null) {
            pooled.close();
        }
    }

    private static String run(String[] step) {
        String client = step[0];
        String tenant = step[1];
        String op = step[2];
        String[] a = step.length > 3 && !step[3].isEmpty() ? step[3].split(" ") : new String[0];
        try {
            Object result;
            if (tenant.equals("-")) {
                result = send(client, op, a);
            } else if (tenant.startsWith("!")) {
                result = TenantContext.call(tenant.substring(1),
                        () -> TenantContext.privileged("admin job", () -> send(client, op, a)));
            } else {
                result = TenantContext.call(tenant, () -> send(client, op, a));
            }
            return "OK " + result;
        } catch (Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TenantBoundaryViolation) {
                    return "BLOCKED " + ((TenantBoundaryViolation) t).kind() + " " + t.getMessage();
                }
            }
            return "FAILED " + e;
        }
    }

    private static Object send(String client, String op, String[] a) throws Exception {
        switch (client) {
            case "lettuce":
                return lettuceSync(connection().sync(), op, a);
            case "lettuce-async":
                return lettuceAsync(connection().async(), op, a).get(5, TimeUnit.SECONDS);
            case "lettuce-reactive":
                return lettuceReactive(connection().reactive(), op, a);
            case "jedis":
                if (jedis == null) {
                    jedis = new Jedis("127.0.0.1", 6379);
                }
                return jedis(jedis, op, a);
            case "pooled":
                return unified(pooled(), op, a);
            case "pipeline":
                try (Pipeline pipeline = (Pipeline) pooled().pipelined()) {
                    Object response = pipeline(pipeline, op, a);
                    pipeline.sync();
                    return ((redis.clients.jedis.Response<?>) response).get();
                }
            default:
                throw new IllegalArgumentException("unknown client " + client);
        }
    }

    private static StatefulRedisConnection<String, String> connection() {
        if (lettuce == null) {
            lettuceClient = RedisClient.create("redis://127.0.0.1:6379");
            lettuce = lettuceClient.connect();
        }
        return lettuce;
    }

    private static JedisPooled pooled() {
        if (pooled == null) {
            pooled = new JedisPooled("127.0.0.1", 6379);
        }
        return pooled;
    }

    private static String[] rest(String[] a) {
        return Arrays.copyOfRange(a, 1, a.length);
    }

    private static Object lettuceSync(RedisCommands<String, String> r, String op, String[] a) {
        switch (op) {
            case "SET": return r.set(a[0], a[1]);
            case "GET": return r.get(a[0]);
            case "MGET": return r.mget(a);
            case "MSET": return r.mset(pairs(a));
            case "DEL": return r.del(a);
            case "EXPIRE": return r.expire(a[0], Long.parseLong(a[1]));
            case "HSET": return r.hset(a[0], a[1], a[2]);
            case "EVAL": return r.eval(SCRIPT, ScriptOutputType.STATUS, new String[] {a[0]}, a[1]);
            case "RENAME": return r.rename(a[0], a[1]);
            case "KEYS": return r.keys(a[0]);
            case "SCAN": return r.scan(ScanArgs.Builder.matches(a[0])).getKeys();
            case "PUBLISH": return r.publish(a[0], a[1]);
            case "SUBSCRIBE":
                pubSub().sync().subscribe(a);
                return "subscribed";
            case "PSUBSCRIBE":
                pubSub().sync().psubscribe(a);
                return "subscribed";
            case "RAW": {
                CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
                for (String arg : rest(a)) {
                    args.add(arg);
                }
                return r.dispatch(CommandType.valueOf(a[0]), new StatusOutput<>(StringCodec.UTF8), args);
            }
            default: throw new IllegalArgumentException(op);
        }
    }

    private static StatefulRedisPubSubConnection<String, String> pubSub() {
        connection();
        if (pubSub == null) {
            pubSub = lettuceClient.connectPubSub();
        }
        return pubSub;
    }

    private static io.lettuce.core.RedisFuture<?> lettuceAsync(RedisAsyncCommands<String, String> r, String op,
            String[] a) {
        switch (op) {
            case "SET": return r.set(a[0], a[1]);
            case "GET": return r.get(a[0]);
            case "MGET": return r.mget(a);
            case "MSET": return r.mset(pairs(a));
            case "DEL": return r.del(a);
            case "RENAME": return r.rename(a[0], a[1]);
            case "KEYS": return r.keys(a[0]);
            default: throw new IllegalArgumentException(op);
        }
    }

    private static Object lettuceReactive(RedisReactiveCommands<String, String> r, String op, String[] a) {
        switch (op) {
            case "SET": return r.set(a[0], a[1]).block();
            case "GET": return r.get(a[0]).block();
            case "DEL": return r.del(a).block();
            case "KEYS": return r.keys(a[0]).collectList().block();
            default: throw new IllegalArgumentException(op);
        }
    }

    private static Object jedis(Jedis r, String op, String[] a) {
        switch (op) {
            case "SET": return r.set(a[0], a[1]);
            case "GET": return r.get(a[0]);
            case "MGET": return r.mget(a);
            case "MSET": return r.mset(a);
            case "DEL": return r.del(a);
            case "EXPIRE": return r.expire(a[0], Long.parseLong(a[1]));
            case "HSET": return r.hset(a[0], a[1], a[2]);
            case "EVAL": return r.eval(SCRIPT, 1, a[0], a[1]);
            case "RENAME": return r.rename(a[0], a[1]);
            case "KEYS": return r.keys(a[0]);
            case "SCAN": return r.scan("0", new ScanParams().match(a[0])).getResult();
            case "PUBLISH": return r.publish(a[0], a[1]);
            case "RAW": return r.sendCommand(command(a[0]), rest(a));
            default: throw new IllegalArgumentException(op);
        }
    }

    /** A command Jedis does not define: not one of its enum constants. */
    private static ProtocolCommand command(String name) {
        return () -> name.getBytes(StandardCharsets.UTF_8);
    }

    private static Object unified(JedisPooled r, String op, String[] a) {
        switch (op) {
            case "SET": return r.set(a[0], a[1]);
            case "GET": return r.get(a[0]);
            case "MGET": return r.mget(a);
            case "MSET": return r.mset(a);
            case "DEL": return r.del(a);
            case "RENAME": return r.rename(a[0], a[1]);
            case "KEYS": return r.keys(a[0]);
            case "SCAN": return r.scan("0", new ScanParams().match(a[0])).getResult();
            case "RAW": return r.sendCommand(Protocol.Command.valueOf(a[0]), rest(a));
            default: throw new IllegalArgumentException(op);
        }
    }

    private static Object pipeline(Pipeline p, String op, String[] a) {
        switch (op) {
            case "SET": return p.set(a[0], a[1]);
            case "GET": return p.get(a[0]);
            case "MSET": return p.mset(a);
            case "DEL": return p.del(a);
            default: throw new IllegalArgumentException(op);
        }
    }

    private static java.util.Map<String, String> pairs(String[] a) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            map.put(a[i], a[i + 1]);
        }
        return map;
    }

}
