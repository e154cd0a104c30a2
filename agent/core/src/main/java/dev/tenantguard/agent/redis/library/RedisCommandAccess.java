package dev.tenantguard.agent.redis.library;

import dev.tenantguard.agent.tooling.LibraryMembers;
import dev.tenantguard.internal.RedisHooks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a client library's command object, passed untyped, through method handles found in the
 * library's class loader: the agent links against no Redis client. Positions count the arguments
 * after the command name, from 0.
 */
public abstract class RedisCommandAccess {
    private static final RedisCommandAccess LETTUCE = new LettuceCommand();
    private static final RedisCommandAccess JEDIS = new JedisCommand();

    protected RedisCommandAccess() {
    }

    /**
     * What the agent reads from the commands of a {@link RedisHooks} library: every member its reader
     * is made of, for a check when the library's class is matched.
     */
    public static LibraryMembers reads(int library) {
        return library == RedisHooks.JEDIS ? JedisCommand.READS : LettuceCommand.READS;
    }

    /** The reader for a {@link RedisHooks} library constant. */
    public static RedisCommandAccess of(int library) {
        return library == RedisHooks.JEDIS ? JEDIS : LETTUCE;
    }

    /**
     * The object that names the command (a library's enum constant, or its keyword object); the same
     * object for every command of that name when it is an {@code Enum}.
     */
    public abstract Object keyword(Object command);

    /** The command's name as sent (e.g. {@code GET}, {@code JSON.SET}); may allocate. */
    public abstract String name(Object command);

    /** How many arguments follow the name. */
    public abstract int size(Object command);

    /** The argument at {@code index} as text: no allocation for a key the application gave as a String. */
    public abstract String text(Object command, int index);

    /** The argument at {@code index} as a whole number, or -1 when it is none. */
    public long number(Object command, int index) {
        return parse(text(command, index));
    }

    static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** What Redis sees of a value the library encodes: its bytes, read as UTF-8. */
    static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            return new String((byte[]) value, StandardCharsets.UTF_8);
        }
        if (value instanceof char[]) {
            return new String((char[]) value);
        }
        if (value instanceof ByteBuffer) {
            return StandardCharsets.UTF_8.decode(((ByteBuffer) value).duplicate()).toString();
        }
        return String.valueOf(value);
    }

    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
