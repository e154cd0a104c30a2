package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.lang.reflect.InvocationTargetException;

/**
 * Uses library classes of a version the agent was not written against, in tenant {@code acme}: either a
 * version without the method the agent checks the library at (the call goes through the one method that
 * version has), or one that has that method but not what the agent reads the library's objects through
 * (the class is loaded first, saying so on stderr before and after: {@code APP loading X}, {@code APP
 * loaded X}, then {@code APP first request X}).
 *
 * <p>Arguments, steps:
 * <ul>
 * <li>{@code okhttp-get|host|port|path}: a GET by {@code okhttp3.OkHttpClient.get} (unknown version);</li>
 * <li>{@code jedis-set|host|port|key|value}: a SET by {@code redis.clients.jedis.Connection.set} (unknown version);</li>
 * <li>{@code rabbit}: a {@code com.rabbitmq.client.impl.ChannelN} made (unknown version);</li>
 * <li>{@code okhttp-newcall|host|port|path}: a GET by {@code okhttp3.OkHttpClient.newCall} (unreadable objects);</li>
 * <li>{@code jedis-send|host|port|key|value}: a SET by {@code redis.clients.jedis.Connection.sendCommand}
 * (unreadable objects).</li>
 * </ul>
 * Prints {@code STEP i} and what the call returned, or {@code BLOCKED kind message}.
 */
public final class LibraryVersionApp {
    private LibraryVersionApp() {
    }

    public static void main(String[] args) throws Exception {
        try (TenantScope ignored = TenantContext.open("acme")) {
            for (int i = 0; i < args.length; i++) {
                String result;
                try {
                    result = run(args[i].split("\\|"));
                } catch (InvocationTargetException e) {
                    // the constructor's or the method's own exception, as the application would see it
                    if (!(e.getCause() instanceof TenantBoundaryViolation)) {
                        throw e;
                    }
                    TenantBoundaryViolation v = (TenantBoundaryViolation) e.getCause();
                    result = "BLOCKED " + v.kind() + " " + v.getMessage();
                }
                System.out.println("STEP " + i + " " + result);
            }
        }
    }

    private static String run(String[] step) throws Exception {
        switch (step[0]) {
            case "okhttp-get": {
                Object client = Class.forName("okhttp3.OkHttpClient").getConstructor().newInstance();
                return String.valueOf(client.getClass().getMethod("get", String.class, int.class, String.class)
                        .invoke(client, step[1], Integer.parseInt(step[2]), step[3]));
            }
            case "jedis-set": {
                Object connection = Class.forName("redis.clients.jedis.Connection").getConstructor().newInstance();
                return String.valueOf(connection.getClass()
                        .getMethod("set", String.class, int.class, String.class, String.class)
                        .invoke(connection, step[1], Integer.parseInt(step[2]), step[3], step[4]));
            }
            case "rabbit":
                Class.forName("com.rabbitmq.client.impl.ChannelN").getConstructor().newInstance();
                return "MADE";
            case "okhttp-newcall": {
                Class<?> client = load("okhttp3.OkHttpClient");
                Class<?> request = Class.forName("okhttp3.Request");
                System.err.println("APP first request okhttp3.OkHttpClient");
                Object made = request.getConstructor(String.class, int.class, String.class)
                        .newInstance(step[1], Integer.parseInt(step[2]), step[3]);
                Object instance = client.getConstructor().newInstance();
                return String.valueOf(client.getMethod("newCall", request).invoke(instance, made));
            }
            case "jedis-send": {
                Class<?> connection = load("redis.clients.jedis.Connection");
                Class<?> arguments = Class.forName("redis.clients.jedis.CommandArguments");
                System.err.println("APP first request redis.clients.jedis.Connection");
                Object command = arguments.getConstructor(String.class, int.class, String.class, String.class)
                        .newInstance(step[1], Integer.parseInt(step[2]), step[3], step[4]);
                Object instance = connection.getConstructor().newInstance();
                return String.valueOf(connection.getMethod("sendCommand", arguments).invoke(instance, command));
            }
            default:
                throw new IllegalArgumentException(step[0]);
        }
    }

    /** Loads (does not initialize) the class: the agent matches it as it is loaded. */
    private static Class<?> load(String name) throws ClassNotFoundException {
        System.err.println("APP loading " + name);
        Class<?> type = Class.forName(name, false, LibraryVersionApp.class.getClassLoader());
        System.err.println("APP loaded " + name);
        return type;
    }
}
