package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.SpringRabbitApp;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @RabbitListener} of Spring AMQP's simple container under the real agent, against the real
 * broker: the container's thread hands each message to the listener, which runs in the tenant the
 * message carries; a message without a valid tenant runs with none.
 */
class SpringRabbitListenerIT {
    @TempDir
    Path root;
    String queue;
    Connection connection;
    Channel channel;

    @BeforeEach
    void declare() throws Exception {
        RealDatabase.require("RabbitMQ", 5672);
        queue = "tg-spring-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.queueDeclare(queue, false, false, false, null);
    }

    @AfterEach
    void delete() throws Exception {
        channel.queueDelete(queue);
        connection.close();
    }

    @Test
    void theListenerRunsInTheTenantItsMessageCarries() throws Exception {
        // published by a service without the agent; the body names the tenant whose data the listener touches
        publish(Map.of("X-Tenant-ID", "acme"), "acme");
        publish(Map.of("X-Tenant-ID", "acme"), "globex");
        publish(Map.of("baggage", "tenant=globex"), "globex");
        publish(Map.of(), "acme");
        publish(Map.of("X-Tenant-ID", "Not A Tenant"), "acme");

        Path data = Files.createDirectories(root.resolve("data"));
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: enforce\n"
                + "files:\n"
                + "  rules:\n"
                + "    - " + data + "/tenants/{tenant}/**\n");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                SpringRabbitApp.class.getName(), List.of(data.toString(), queue, "5"),
                ForkedJvm.testJars("spring-", "micrometer-", "amqp-client", "slf4j-api"));

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("DONE"), result.toString());
        List<String> deliveries = result.stdout().lines().filter(l -> l.startsWith("DELIVERY")).toList();
        assertEquals(5, deliveries.size(), result.toString());
        assertTrue(deliveries.get(0).startsWith("DELIVERY tenant=acme file=OK "), result.toString());
        assertTrue(deliveries.get(1).startsWith("DELIVERY tenant=acme file=BLOCKED CROSS_TENANT "),
                "acme's message touching globex's data\n" + result);
        assertTrue(deliveries.get(2).startsWith("DELIVERY tenant=globex file=OK "), "the tenant in baggage\n" + result);
        assertTrue(deliveries.get(3).startsWith("DELIVERY tenant=null file=BLOCKED NO_TENANT "),
                "a message without a tenant runs with none\n" + result);
        assertTrue(deliveries.get(4).startsWith("DELIVERY tenant=null file=BLOCKED NO_TENANT "),
                "a tenant header that is not a tenant id is not used\n" + result);
        assertTrue(deliveries.stream().allMatch(d -> d.contains(" thread=org.springframework.amqp.rabbit.RabbitListenerEndpointContainer")),
                "the listener runs on the container's thread, not the one whose handleDelivery queued the message: "
                        + deliveries);
        assertTrue(Files.exists(data.resolve("tenants/acme/from-listener.txt")), result.toString());
        assertTrue(Files.exists(data.resolve("tenants/globex/from-listener.txt")), result.toString());
        assertFalse(result.stdout().contains("FAILED"), result.toString());
        assertTrue(result.stderr().contains("'Not A Tenant' was not used as the tenant of a request"),
                "the unused tenant header is recorded\n" + result);
        assertFalse(result.stderr().contains("internal error"), result.toString());
    }

    private void publish(Map<String, Object> headers, String body) throws Exception {
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().headers(headers).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
