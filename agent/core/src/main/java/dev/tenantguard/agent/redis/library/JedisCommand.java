package dev.tenantguard.agent.redis.library;

import dev.tenantguard.agent.tooling.LibraryMembers;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Jedis 5+: {@code redis.clients.jedis.CommandArguments}, the command ({@code ProtocolCommand},
 * {@code Protocol.Command} for the built-in ones) followed by its arguments as {@code Rawable}
 * bytes. What Jedis sends is the bytes; the keys it also keeps as given ({@code String}s, for
 * cluster slots) are used only to avoid decoding, when they are exactly the bytes at the position.
 */
final class JedisCommand extends RedisCommandAccess {
    private static final String ARGUMENTS = "redis.clients.jedis.CommandArguments";
    private static final String RAWABLE = "redis.clients.jedis.args.Rawable";

    /** Every member the handles below are made of: checked when {@code Connection} is matched. */
    static final LibraryMembers READS = LibraryMembers.none()
            .method(ARGUMENTS, "getCommand", "redis.clients.jedis.commands.ProtocolCommand")
            .method(RAWABLE, "getRaw", "byte[]")
            .field(ARGUMENTS, "args")
            .field(ARGUMENTS, "keys");

    private static final ClassValue<Handles> HANDLES = new ClassValue<>() {
        @Override
        protected Handles computeValue(Class<?> type) {
            return new Handles(type);
        }
    };

    @Override
    public Object keyword(Object command) {
        try {
            return (Object) HANDLES.get(command.getClass()).command.invokeExact(command);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public String name(Object command) {
        try {
            Handles handles = HANDLES.get(command.getClass());
            byte[] raw = (byte[]) (Object) handles.raw.invokeExact((Object) handles.command.invokeExact(command));
            return new String(raw, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public int size(Object command) {
        return args(command).size() - 1;
    }

    @Override
    public String text(Object command, int index) {
        try {
            Handles handles = HANDLES.get(command.getClass());
            byte[] raw = (byte[]) (Object) handles.raw.invokeExact((Object) args(command).get(index + 1));
            List<?> keys = (List<?>) (Object) handles.keys.invokeExact(command);
            if (keys != null) {
                for (int i = 0; i < keys.size(); i++) {
                    Object key = keys.get(i);
                    if (key instanceof String && asciiEquals((String) key, raw)) {
                        return (String) key;
                    }
                }
            }
            return new String(raw, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public long number(Object command, int index) {
        try {
            Handles handles = HANDLES.get(command.getClass());
            byte[] raw = (byte[]) (Object) handles.raw.invokeExact((Object) args(command).get(index + 1));
            if (raw.length == 0 || raw.length > 18) {
                return -1;
            }
            long value = 0;
            for (byte b : raw) {
                if (b < '0' || b > '9') {
                    return -1;
                }
                value = value * 10 + (b - '0');
            }
            return value;
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static boolean asciiEquals(String text, byte[] raw) {
        int n = text.length();
        if (n != raw.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 0x7f || c != raw[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<?> args(Object command) {
        try {
            return (List<?>) (Object) HANDLES.get(command.getClass()).args.invokeExact(command);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static final class Handles {
        final MethodHandle command;
        final MethodHandle args;
        final MethodHandle keys;
        final MethodHandle raw;

        Handles(Class<?> type) {
            try {
                ClassLoader loader = type.getClassLoader();
                Class<?> arguments = Class.forName(ARGUMENTS, false, loader);
                Class<?> rawable = Class.forName(RAWABLE, false, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                command = generic(lookup.findVirtual(arguments, "getCommand",
                        MethodType.methodType(Class.forName("redis.clients.jedis.commands.ProtocolCommand", false, loader))));
                raw = generic(lookup.findVirtual(rawable, "getRaw", MethodType.methodType(byte[].class)));
                args = generic(getter(arguments, "args"));
                keys = generic(getter(arguments, "keys"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("this version of Jedis has no " + ARGUMENTS
                        + ".getCommand/args/keys: its commands cannot be verified", e);
            }
        }
    }

    private static MethodHandle getter(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true); // the library is in an unnamed module, open to the agent
        return MethodHandles.lookup().unreflectGetter(field);
    }

    private static MethodHandle generic(MethodHandle handle) {
        return handle.asType(handle.type().generic());
    }
}
