package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.lang.reflect.InvocationTargetException;

/**
 * Uses library classes of a version the agent does not know (their methods are not those the agent
 * checks the library at), each through the one method that version has, in tenant {@code acme}.
 *
 * <p>Arguments, steps: {@code okhttp|host|port|path} (a GET sent by {@code okhttp3.OkHttpClient.get}),
 * {@code jedis|host|port|key|value} (a SET by {@code redis.clients.jedis.Connection.set}),
 * {@code rabbit} (a {@code com.rabbitmq.client.impl.ChannelN} made). Prints {@code STEP i} and
 * what the method returned, or {@code BLOCKED kind message}.
 */
public final class UnverifiedLibraryApp {
    private UnverifiedLibraryApp() {
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
            case "okhttp": {
                Object client = Class.forName("okhttp3.OkHttpClient").getConstructor().newInstance();
                return String.valueOf(client.getClass().getMethod("get", String.class, int.class, String.class)
                        .invoke(client, step[1], Integer.parseInt(step[2]), step[3]));
            }
            case "jedis": {
                Object connection = Class.forName("redis.clients.jedis.Connection").getConstructor().newInstance();
                return String.valueOf(connection.getClass()
                        .getMethod("set", String.class, int.class, String.class, String.class)
                        .invoke(connection, step[1], Integer.parseInt(step[2]), step[3], step[4]));
            }
            case "rabbit":
                Class.forName("com.rabbitmq.client.impl.ChannelN").getConstructor().newInstance();
                return "MADE";
            default:
                throw new IllegalArgumentException(step[0]);
        }
    }
}
