package dev.tenantguard.agent.redis;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a Redis command names keys, channels or key patterns, by the command's name: the agent
 * decides from the command's own arguments, not from what the client library marked as keys, so a
 * command sent through a generic {@code sendCommand}/{@code dispatch} is read the same way as one
 * sent through the typed API. A command not in this table is not verified ({@link #of} returns
 * {@code null}).
 *
 * <p>Positions count the arguments after the command name, from 0.
 */
final class CommandSpec {
    /** No key, channel or pattern. */
    static final int KEYLESS = 0;
    /** Keys at {@code first}, {@code first + step} … up to {@code last} (negative: from the end, -1 the last). */
    static final int RANGE = 1;
    /** The {@code RANGE} keys, then {@code numkeys} (at {@code numkeys}) keys right after it. */
    static final int NUMKEYS = 2;
    /** XREAD, XREADGROUP: after {@code STREAMS}, the first half of the remaining arguments. */
    static final int STREAMS = 3;
    /** SORT, SORT_RO: the key, the {@code STORE} destination, and the {@code BY}/{@code GET} patterns. */
    static final int SORT = 4;
    /** GEORADIUS, GEORADIUSBYMEMBER: the key, and the {@code STORE}/{@code STOREDIST} destinations. */
    static final int GEO_STORE = 5;
    /** KEYS: a pattern at {@code first}. */
    static final int PATTERN = 6;
    /** SCAN: the {@code MATCH} pattern, {@code *} without one. */
    static final int SCAN = 7;
    /** Reaches every key (FLUSHDB, RANDOMKEY, MONITOR …): the pattern {@code *}. */
    static final int EVERY_KEY = 8;
    /** PSUBSCRIBE: every argument is a channel pattern. */
    static final int PATTERNS = 9;
    /** PUBSUB: CHANNELS/SHARDCHANNELS [pattern], NUMSUB/SHARDNUMSUB channel…; NUMPAT keyless. */
    static final int PUBSUB = 10;
    /** MEMORY: USAGE key; the other subcommands are keyless. */
    static final int MEMORY = 11;

    private static final Map<String, CommandSpec> BY_NAME = new HashMap<>();

    final String name;
    final int kind;
    final int first;
    final int last;
    final int step;
    final int numkeys;

    private CommandSpec(String name, int kind, int first, int last, int step, int numkeys) {
        this.name = name;
        this.kind = kind;
        this.first = first;
        this.last = last;
        this.step = step;
        this.numkeys = numkeys;
    }

    /** The spec of a command by its name (any case), or {@code null} when the agent does not know it. */
    static CommandSpec of(String name) {
        return BY_NAME.get(name.toUpperCase(Locale.ROOT));
    }

    private static void put(int kind, int first, int last, int step, int numkeys, String names) {
        for (String name : names.split(" +")) {
            BY_NAME.put(name, new CommandSpec(name, kind, first, last, step, numkeys));
        }
    }

    static {
        put(KEYLESS, 0, 0, 0, 0, "PING ECHO AUTH HELLO SELECT QUIT RESET INFO TIME DBSIZE CLIENT CONFIG CLUSTER COMMAND"
                + " SLOWLOG LATENCY ACL MULTI EXEC DISCARD UNWATCH SCRIPT FUNCTION SAVE BGSAVE BGREWRITEAOF LASTSAVE"
                + " ROLE WAIT WAITAOF READONLY READWRITE LOLWUT UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE ASKING");
        // one key, first
        put(RANGE, 0, 0, 1, 0, "GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX APPEND STRLEN INCR DECR INCRBY DECRBY"
                + " INCRBYFLOAT GETRANGE SETRANGE SUBSTR GETBIT SETBIT BITCOUNT BITPOS BITFIELD BITFIELD_RO EXPIRE"
                + " PEXPIRE EXPIREAT PEXPIREAT EXPIRETIME PEXPIRETIME TTL PTTL PERSIST TYPE DUMP RESTORE MOVE"
                + " HSET HSETNX HGET HMSET HMGET HDEL HLEN HKEYS HVALS HGETALL HEXISTS HINCRBY HINCRBYFLOAT HSTRLEN"
                + " HRANDFIELD HSCAN HEXPIRE HPEXPIRE HEXPIREAT HPEXPIREAT HTTL HPTTL HPERSIST HEXPIRETIME HPEXPIRETIME"
                + " HGETDEL HGETEX HSETEX LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LREM LTRIM"
                + " LINSERT LPOS SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP SRANDMEMBER SSCAN ZADD ZREM ZCARD"
                + " ZCOUNT ZINCRBY ZRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE ZRANGEBYLEX ZREVRANGEBYLEX ZREVRANGE ZRANK"
                + " ZREVRANK ZSCORE ZMSCORE ZREMRANGEBYRANK ZREMRANGEBYSCORE ZREMRANGEBYLEX ZLEXCOUNT ZPOPMIN ZPOPMAX"
                + " ZRANDMEMBER ZSCAN PFADD XADD XLEN XRANGE XREVRANGE XDEL XTRIM XACK XCLAIM XAUTOCLAIM XPENDING"
                + " XSETID GEOADD GEODIST GEOHASH GEOPOS GEOSEARCH GEORADIUS_RO GEORADIUSBYMEMBER_RO PUBLISH SPUBLISH");
        // a subcommand, then one key
        put(RANGE, 1, 1, 1, 0, "OBJECT XINFO XGROUP");
        // two keys: source and destination
        put(RANGE, 0, 1, 1, 0, "RENAME RENAMENX COPY SMOVE LMOVE BLMOVE RPOPLPUSH BRPOPLPUSH ZRANGESTORE GEOSEARCHSTORE LCS");
        // every argument a key (or channel)
        put(RANGE, 0, -1, 1, 0, "DEL UNLINK EXISTS TOUCH MGET WATCH SUNION SINTER SDIFF SUNIONSTORE SINTERSTORE SDIFFSTORE"
                + " PFCOUNT PFMERGE SUBSCRIBE SSUBSCRIBE");
        // keys, then a timeout
        put(RANGE, 0, -2, 1, 0, "BLPOP BRPOP BZPOPMIN BZPOPMAX");
        put(RANGE, 0, -1, 2, 0, "MSET MSETNX");
        put(RANGE, 1, -1, 1, 0, "BITOP");
        // numkeys, then that many keys
        put(NUMKEYS, 0, -9, 1, 1, "EVAL EVALSHA EVAL_RO EVALSHA_RO FCALL FCALL_RO");
        put(NUMKEYS, 0, -9, 1, 0, "ZUNION ZINTER ZDIFF ZINTERCARD SINTERCARD LMPOP ZMPOP");
        put(NUMKEYS, 0, -9, 1, 1, "BLMPOP BZMPOP");
        put(NUMKEYS, 0, 0, 1, 1, "ZUNIONSTORE ZINTERSTORE ZDIFFSTORE");
        put(STREAMS, 0, 0, 0, 0, "XREAD XREADGROUP");
        put(SORT, 0, 0, 0, 0, "SORT SORT_RO");
        put(GEO_STORE, 0, 0, 0, 0, "GEORADIUS GEORADIUSBYMEMBER");
        put(PATTERN, 0, 0, 0, 0, "KEYS");
        put(SCAN, 0, 0, 0, 0, "SCAN");
        put(EVERY_KEY, 0, 0, 0, 0, "FLUSHDB FLUSHALL RANDOMKEY SWAPDB MONITOR");
        put(PATTERNS, 0, 0, 0, 0, "PSUBSCRIBE");
        put(PUBSUB, 0, 0, 0, 0, "PUBSUB");
        put(MEMORY, 0, 0, 0, 0, "MEMORY");
    }

    @Override
    public String toString() {
        return name;
    }
}
