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
 * Lettuce 6/7: a {@code io.lettuce.core.protocol.RedisCommand} (or a wrapper of one), its type
 * ({@code ProtocolKeyword}, {@code CommandType} for the built-in commands) and its
 * {@code CommandArgs}, whose arguments are package-private {@code SingularArgument}s: a key the
 * application gave as a {@code String} (with {@code StringCodec}, the default) is read as that
 * String; other keys through the codec's {@code encodeKey}.
 */
final class LettuceCommand extends RedisCommandAccess {
    private static final String COMMAND = "io.lettuce.core.protocol.RedisCommand";
    private static final String ARGS = "io.lettuce.core.protocol.CommandArgs";
    private static final String KEYWORD = "io.lettuce.core.protocol.ProtocolKeyword";
    private static final String CODEC = "io.lettuce.core.codec.RedisCodec";

    private static final String KEY_ARGUMENT = ARGS + "$KeyArgument";

    /**
     * Every member the handles below are made of (a key's value and codec included: without them a
     * key would be read as the library prints it): checked when {@code RedisChannelHandler} is matched.
     */
    static final LibraryMembers READS = LibraryMembers.none()
            .method(COMMAND, "getType", KEYWORD)
            .method(COMMAND, "getArgs", ARGS)
            .method(KEYWORD, "getBytes", "byte[]")
            .field(ARGS, "singularArguments")
            .field(KEY_ARGUMENT, "key")
            .field(KEY_ARGUMENT, "codec")
            .method(CODEC, "encodeKey", "java.nio.ByteBuffer", "java.lang.Object");

    /** The handles of the library loaded by a class loader, found from a command's class. */
    private static final ClassValue<Handles> HANDLES = new ClassValue<>() {
        @Override
        protected Handles computeValue(Class<?> type) {
            return new Handles(type.getClassLoader());
        }
    };

    /** How to read each kind of argument: its value field, and for a key the codec. */
    private static final ClassValue<Argument> ARGUMENTS = new ClassValue<>() {
        @Override
        protected Argument computeValue(Class<?> type) {
            return new Argument(type);
        }
    };

    @Override
    public Object keyword(Object command) {
        try {
            return (Object) HANDLES.get(command.getClass()).type.invokeExact(command);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public String name(Object command) {
        try {
            Handles handles = HANDLES.get(command.getClass());
            byte[] bytes = (byte[]) (Object) handles.bytes.invokeExact((Object) handles.type.invokeExact(command));
            return new String(bytes, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public int size(Object command) {
        List<?> arguments = arguments(command);
        return arguments == null ? 0 : arguments.size();
    }

    @Override
    public String text(Object command, int index) {
        Object argument = arguments(command).get(index);
        return ARGUMENTS.get(argument.getClass()).text(argument);
    }

    @Override
    public long number(Object command, int index) {
        Object argument = arguments(command).get(index);
        Argument reader = ARGUMENTS.get(argument.getClass());
        Object value = reader.value(argument);
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        return parse(reader.text(argument));
    }

    private static List<?> arguments(Object command) {
        try {
            Handles handles = HANDLES.get(command.getClass());
            Object args = (Object) handles.args.invokeExact(command);
            return args == null ? null : (List<?>) (Object) handles.singular.invokeExact(args);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static final class Handles {
        final MethodHandle type;
        final MethodHandle args;
        final MethodHandle bytes;
        final MethodHandle singular;

        Handles(ClassLoader loader) {
            try {
                Class<?> command = Class.forName(COMMAND, false, loader);
                Class<?> keyword = Class.forName(KEYWORD, false, loader);
                Class<?> args = Class.forName(ARGS, false, loader);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                type = generic(lookup.findVirtual(command, "getType", MethodType.methodType(keyword)));
                this.args = generic(lookup.findVirtual(command, "getArgs", MethodType.methodType(args)));
                bytes = generic(lookup.findVirtual(keyword, "getBytes", MethodType.methodType(byte[].class)));
                singular = generic(getter(args, "singularArguments"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("this version of Lettuce has no " + COMMAND
                        + ".getType/getArgs or CommandArgs.singularArguments: its commands cannot be verified", e);
            }
        }
    }

    /** One kind of {@code CommandArgs.SingularArgument}: its value ({@code key} or {@code val}) and codec. */
    private static final class Argument {
        final MethodHandle value;
        final MethodHandle codec;
        final MethodHandle encodeKey;

        Argument(Class<?> type) {
            MethodHandle v = null;
            MethodHandle c = null;
            MethodHandle e = null;
            try {
                Field key = field(type, "key");
                if (key != null) {
                    v = generic(getter(key));
                    Field codecField = field(type, "codec");
                    c = generic(getter(codecField));
                    Class<?> codecType = Class.forName(CODEC, false, type.getClassLoader());
                    e = generic(MethodHandles.publicLookup().findVirtual(codecType, "encodeKey",
                            MethodType.methodType(java.nio.ByteBuffer.class, Object.class)));
                } else {
                    Field val = field(type, "val");
                    v = val == null ? null : generic(getter(val));
                }
            } catch (ReflectiveOperationException | RuntimeException ex) {
                v = null;
            }
            value = v;
            codec = c;
            encodeKey = e;
        }

        Object value(Object argument) {
            if (value == null) {
                return null;
            }
            try {
                return (Object) value.invokeExact(argument);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }

        String text(Object argument) {
            if (value == null) {
                // a kind of argument this agent does not know: what the library prints for it
                return argument.toString();
            }
            Object v = value(argument);
            if (v instanceof String || v instanceof byte[] || v instanceof char[] || encodeKey == null || v == null) {
                return RedisCommandAccess.text(v);
            }
            try {
                return RedisCommandAccess.text((Object) encodeKey.invokeExact((Object) codec.invokeExact(argument), v));
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static MethodHandle getter(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = field(type, name);
        if (field == null) {
            throw new NoSuchFieldException(type.getName() + "." + name);
        }
        return getter(field);
    }

    private static MethodHandle getter(Field field) throws IllegalAccessException {
        field.setAccessible(true); // the library is in an unnamed module, open to the agent
        return MethodHandles.lookup().unreflectGetter(field);
    }

    private static MethodHandle generic(MethodHandle handle) {
        return handle.asType(handle.type().generic());
    }
}
