package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.lang.reflect.InvocationTargetException;

/**
 * Uses library classes of a version that has the method the agent checks the library at, but not
 * what the agent reads the library's objects through, in tenant {@code acme}. Each step first loads
 * the library's class, saying so on stderr before and after ({@code APP loading X}, {@code APP loaded
 * X}), then makes its first request ({@code APP first request X} on stderr).
 *
 * <p>Arguments, steps: {@code okhttp|host|port|path} (a GET by {@code okhttp3.OkHttpClient.newCall}),
 * {@code jedis|host|port|key|value} (a SET by {@code redis.clients.jedis.Connection.sendCommand}).
 * Prints {@code STEP i} and what the call returned, or {@code BLOCKED kind message}.
 */
public final class UnreadableLibraryApp {
    private UnreadableLibraryApp() {
    }

    public static void main(String[] args) throws Exception {
        try (TenantScope ignored = TenantContext.open("acme")) {
            for (int i = 0; i < args.length; i++) {
                String result;
                try {
                    result = run(args[i].split("\\|"));
                } catch (InvocationTargetException e) {
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
            case "okhttp": {
                Class<?> client = load("okhttp3.OkHttpClient");
                Class<?> request = Class.forName("okhttp3.Request");
                System.err.println("APP first request okhttp3.OkHttpClient");
                Object made = request.getConstructor(String.class, int.class, String.class)
                        .newInstance(step[1], Integer.parseInt(step[2]), step[3]);
                Object instance = client.getConstructor().newInstance();
                return String.valueOf(client.getMethod("newCall", request).invoke(instance, made));
            }
            case "jedis": {
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
        Class<?> type = Class.forName(name, false, UnreadableLibraryApp.class.getClassLoader());
        System.err.println("APP loaded " + name);
        return type;
    }
}
