package com.example.probe;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in service for the messaging integration tests, on the RabbitMQ on 127.0.0.1:5672.
 *
 * <p>Arguments: the data folder (tenant files go to {@code <folder>/tenants/<tenant>/}), then steps:
 * <ul>
 * <li>{@code publish|tenant|exchange|routingKey[|Header=Value]}: publishes the body {@code <tenant>}
 *     ({@code nobody} without one);
 *     prints {@code STEP i OK} or {@code STEP i BLOCKED kind message}.</li>
 * <li>{@code consume|queue|count|kind}: consumes {@code count} messages from {@code queue} with a
 *     {@code DefaultConsumer} ({@code kind} {@code default}) or a {@code DeliverCallback} lambda
 *     ({@code lambda}). For each delivery the listener, which opens no tenant itself, writes
 *     {@code tenants/<body>/from-queue.txt}, inserts a row for tenant {@code <body>} into the H2 table
 *     {@code orders}, and prints {@code DELIVERY tenant=<tenant in context> file=<OK|BLOCKED kind>
 *     jdbc=<OK|BLOCKED kind>}; then {@code STEP i OK}.</li>
 * <li>{@code get|tenant|queue}: fetches one message from {@code queue} with {@code basicGet} as
 *     {@code tenant} ({@code -}: none); prints {@code STEP i OK <body>}, {@code STEP i OK empty} or
 *     {@code STEP i BLOCKED kind message}.</li>
 * <li>{@code subscribe|tenant|queue}: registers a consumer on {@code queue} with {@code basicConsume} as
 *     {@code tenant} and cancels it at once; prints {@code STEP i OK} or {@code STEP i BLOCKED kind message}.</li>
 * </ul>
 * A message's body names the tenant whose data its listener touches.
 */
public final class MessagingApp {
    private static final String H2 = "jdbc:h2:mem:messages;DB_CLOSE_DELAY=-1";

    private MessagingApp() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        TenantContext.privileged("test setup", () -> {
            try (java.sql.Connection c = DriverManager.getConnection(H2)) {
                c.createStatement().execute("CREATE TABLE orders (id INT AUTO_INCREMENT, tenant_id VARCHAR(32))");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            for (int i = 1; i < args.length; i++) {
                System.out.println("STEP " + (i - 1) + " " + run(channel, folder, args[i].split("\\|", -1)));
            }
        }
    }

    private static String run(Channel channel, Path folder, String[] step) {
        try {
            if (step[0].equals("publish")) {
                String tenant = step[1];
                AMQP.BasicProperties properties = null;
                if (step.length > 4) {
                    String[] header = step[4].split("=", 2);
                    properties = new AMQP.BasicProperties.Builder().headers(Map.of(header[0], header[1])).build();
                }
                AMQP.BasicProperties props = properties;
                byte[] body = (tenant.equals("-") ? "nobody" : tenant).getBytes(StandardCharsets.UTF_8);
                if (tenant.equals("-")) {
                    channel.basicPublish(step[2], step[3], props, body);
                } else {
                    TenantContext.call(tenant, () -> {
                        channel.basicPublish(step[2], step[3], props, body);
                        return null;
                    });
                }
                return "OK";
            }
            if (step[0].equals("get") || step[0].equals("subscribe")) {
                return asTenant(step[1], () -> step[0].equals("get") ? get(channel, step[2]) : subscribe(channel, step[2]));
            }
            return consume(channel, folder, step[1], Integer.parseInt(step[2]), step[3]);
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TenantBoundaryViolation) {
                    return "BLOCKED " + ((TenantBoundaryViolation) t).kind() + " " + t.getMessage();
                }
            }
            return "FAILED " + e;
        }
    }

    private static String asTenant(String tenant, java.util.concurrent.Callable<String> work) throws Exception {
        return tenant.equals("-") ? work.call() : TenantContext.call(tenant, work);
    }

    private static String get(Channel channel, String queue) throws Exception {
        com.rabbitmq.client.GetResponse response = channel.basicGet(queue, true);
        return response == null ? "OK empty" : "OK " + new String(response.getBody(), StandardCharsets.UTF_8);
    }

    private static String subscribe(Channel channel, String queue) throws Exception {
        String tag = channel.basicConsume(queue, false, new DefaultConsumer(channel));
        channel.basicCancel(tag);
        return "OK";
    }

    private static String consume(Channel channel, Path folder, String queue, int count, String kind) throws Exception {
        CountDownLatch received = new CountDownLatch(count);
        String tag;
        if (kind.equals("lambda")) {
            tag = channel.basicConsume(queue, true, (consumerTag, delivery) -> {
                listener(folder, new String(delivery.getBody(), StandardCharsets.UTF_8));
                received.countDown();
            }, consumerTag -> { });
        } else {
            tag = channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) {
                    listener(folder, new String(body, StandardCharsets.UTF_8));
                    received.countDown();
                }
            });
        }
        boolean all = received.await(20, TimeUnit.SECONDS);
        channel.basicCancel(tag);
        return all ? "OK" : "FAILED only " + (count - received.getCount()) + " of " + count + " messages arrived";
    }

    /** What a listener does with a message: the application's own code, with no tenant of its own. */
    private static void listener(Path folder, String tenantOfData) {
        String file;
        try {
            Path target = folder.resolve("tenants").resolve(tenantOfData);
            Files.createDirectories(target);
            Files.writeString(target.resolve("from-queue.txt"), "written");
            file = "OK";
        } catch (TenantBoundaryViolation v) {
            file = "BLOCKED " + v.kind();
        } catch (Exception e) {
            file = "FAILED " + e;
        }
        String jdbc;
        try (java.sql.Connection c = DriverManager.getConnection(H2);
                PreparedStatement insert = c.prepareStatement("INSERT INTO orders (tenant_id) VALUES (?)")) {
            insert.setString(1, tenantOfData);
            insert.executeUpdate();
            jdbc = "OK";
        } catch (TenantBoundaryViolation v) {
            jdbc = "BLOCKED " + v.kind();
        } catch (Exception e) {
            jdbc = "FAILED " + e;
        }
        System.out.println("DELIVERY tenant=" + TenantContext.current() + " file=" + file + " jdbc=" + jdbc);
    }
}
