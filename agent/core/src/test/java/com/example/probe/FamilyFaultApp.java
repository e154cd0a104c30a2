package com.example.probe;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import dev.tenantguard.internal.HttpHooks;
import dev.tenantguard.internal.JdbcHooks;
import dev.tenantguard.internal.MessagingHooks;
import dev.tenantguard.internal.RedisHooks;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import redis.clients.jedis.Jedis;

/**
 * Injects a fault into the JDBC, HTTP, Redis and messaging checkers, as {@link FaultApp} does into the
 * file checker: each step calls its family's hook, as the woven advice of a guarded call would,
 * with an argument the checker does not expect, so that the check fails inside the agent; only when
 * the hook lets it through does the step make the real call — an own-tenant write the server keeps.
 * All in tenant {@code acme}.
 *
 * <p>Steps: {@code jdbc|url|table} (an INSERT of an {@code acme} row), {@code http|url} (a GET),
 * {@code redis|key} (a SET of {@code acme}), {@code messaging|queue} (a publish to the default exchange).
 * Prints {@code STEP i PASSED} or {@code STEP i BLOCKED kind message}.
 */
public final class FamilyFaultApp {
    private FamilyFaultApp() {
    }

    public static void main(String[] args) throws Exception {
        try (TenantScope ignored = TenantContext.open("acme")) {
            for (int i = 0; i < args.length; i++) {
                String result;
                try {
                    run(args[i].split("\\|"));
                    result = "PASSED";
                } catch (TenantBoundaryViolation v) {
                    result = "BLOCKED " + v.kind() + " " + v.getMessage();
                }
                System.out.println("STEP " + i + " " + result);
            }
        }
    }

    /** A connection (a pool's wrapper gone wrong) whose every method fails with an error, not an SQLException. */
    private static java.sql.Connection brokenConnection() {
        return (java.sql.Connection) Proxy.newProxyInstance(FamilyFaultApp.class.getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, arguments) -> {
                    throw new AssertionError("injected fault in " + method.getName());
                });
    }

    private static void run(String[] step) throws Exception {
        switch (step[0]) {
            case "jdbc":
                try (java.sql.Connection c = DriverManager.getConnection(step[1])) {
                    JdbcHooks.switchSchema(brokenConnection(), "public"); // its unwrap fails inside the checker
                    c.createStatement().executeUpdate("INSERT INTO " + step[2] + " (tenant_id) VALUES ('acme')");
                }
                return;
            case "http":
                HttpHooks.library(HttpHooks.APACHE5, "not a request", null); // no reader for a String
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(step[1])).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            case "redis":
                RedisHooks.command(RedisHooks.LETTUCE_BATCH, "not a batch"); // a batch must be a Collection
                try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                    jedis.set(step[1], "acme");
                }
                return;
            case "messaging": {
                ConnectionFactory factory = new ConnectionFactory();
                factory.setHost("127.0.0.1");
                try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                    MessagingHooks.publish(channel, "", step[1], "not properties"); // no headers to read
                    channel.basicPublish("", step[1], null, "acme".getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            default:
                throw new IllegalArgumentException(step[0]);
        }
    }
}
