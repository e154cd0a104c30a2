package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.MessagingApp;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
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
 * RabbitMQ under the real agent, against the real broker on 127.0.0.1:5672: publishing to another
 * tenant's destination is blocked and nothing reaches its queue (read by a client in this JVM, which
 * has no agent); a message carries its publisher's tenant, and a consumer's file and JDBC work runs
 * as that tenant; fetching from or subscribing to another tenant's queue is blocked with the message
 * still in the queue.
 */
class MessagingIT {
    private static final String SIGNING_KEY = "0123456789abcdef-shared";

    @TempDir
    Path root;
    String exchange;
    String acmeQueue;
    String globexQueue;
    Connection connection;
    Channel channel;

    @BeforeEach
    void declare() throws Exception {
        RealDatabase.require("RabbitMQ", 5672);
        String run = UUID.randomUUID().toString().substring(0, 8);
        exchange = "tg-" + run;
        acmeQueue = "tg." + run + ".acme";
        globexQueue = "tg." + run + ".globex";
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", false, true, null);
        // not auto-deleted: a test cancels consumers and then uses the queue again (deleted after each test)
        channel.queueDeclare(acmeQueue, false, false, false, null);
        channel.queueDeclare(globexQueue, false, false, false, null);
        channel.queueBind(acmeQueue, exchange, "orders.acme.*");
        channel.queueBind(globexQueue, exchange, "orders.globex.*");
    }

    @AfterEach
    void delete() throws Exception {
        channel.queueDelete(acmeQueue);
        channel.queueDelete(globexQueue);
        channel.exchangeDelete(exchange);
        connection.close();
    }

    @Test
    void publishingToAnotherTenantsDestinationIsBlockedAndNothingIsSent() throws Exception {
        ForkedJvm.Result result = run("", List.of(
                "publish|acme|" + exchange + "|orders.acme.created",
                "publish|acme|" + exchange + "|orders.globex.created",
                "publish|-|" + exchange + "|orders.globex.created",
                "publish|acme|" + exchange + "|orders.acme.created|X-Tenant-ID=globex",
                "publish|acme|" + exchange + "|audit.all"));

        assertEquals("OK", result.step(0), result.toString());
        assertTrue(result.step(1).startsWith("BLOCKED CROSS_TENANT tenant acme tried to PUBLISH amqp://" + exchange
                + "/orders.globex.created owned by tenant globex (rule messaging.rules amqp://orders.{tenant}.*)"),
                result.toString());
        assertTrue(result.step(2).startsWith("BLOCKED NO_TENANT"), result.toString());
        assertTrue(result.step(3).startsWith("BLOCKED CROSS_TENANT"), "a tenant header naming another tenant\n" + result);
        assertEquals("OK", result.step(4), "a destination under no rule\n" + result);
        assertNull(channel.basicGet(globexQueue, true), "a blocked publish reached globex's queue");
        GetResponse delivered = channel.basicGet(acmeQueue, true);
        assertNotNull(delivered, result.toString());
        Map<String, Object> headers = delivered.getProps().getHeaders();
        assertEquals("acme", String.valueOf(headers.get("X-Tenant-ID")), "the tenant travels in tenant.header");
        assertEquals("tenant=acme", String.valueOf(headers.get("baggage")), "and in W3C baggage");
        assertNull(channel.basicGet(acmeQueue, true), "exactly one message for acme: " + result);
    }

    @Test
    void aConsumersWorkRunsAsThePublishersTenant() throws Exception {
        // published by a service without the agent, with the tenant header only; the body names the
        // tenant whose data the listener touches
        channel.basicPublish(exchange, "orders.acme.created", headers("X-Tenant-ID", "acme"), bytes("acme"));
        channel.basicPublish(exchange, "orders.acme.created", headers("X-Tenant-ID", "acme"), bytes("globex"));

        ForkedJvm.Result result = run("", List.of(
                "publish|globex|" + exchange + "|orders.globex.created",
                "consume|" + globexQueue + "|1|default",
                "consume|" + acmeQueue + "|2|lambda"));

        assertEquals("OK", result.step(0), result.toString());
        assertEquals("OK", result.step(1), result.toString());
        assertEquals("OK", result.step(2), result.toString());
        List<String> deliveries = deliveries(result);
        assertEquals(3, deliveries.size(), result.toString());
        assertEquals("DELIVERY tenant=globex file=OK jdbc=OK", deliveries.get(0), "published by the agent\n" + result);
        assertEquals("DELIVERY tenant=acme file=OK jdbc=OK", deliveries.get(1), "a DeliverCallback lambda\n" + result);
        assertTrue(deliveries.get(2).startsWith("DELIVERY tenant=acme file=BLOCKED CROSS_TENANT jdbc=BLOCKED"),
                "acme's message touching globex's data\n" + result);
        assertTrue(Files.exists(root.resolve("data/tenants/acme/from-queue.txt")));
        assertTrue(Files.exists(root.resolve("data/tenants/globex/from-queue.txt")));
    }

    @Test
    void aMessageWithoutAValidTenantRunsWithNone() throws Exception {
        channel.basicPublish(exchange, "orders.acme.created", null, bytes("acme"));
        channel.basicPublish(exchange, "orders.acme.created", headers("X-Tenant-ID", "acme"), bytes("acme"));
        channel.basicPublish(exchange, "orders.acme.created", headers("baggage", "tenant=acme"), bytes("acme"));

        ForkedJvm.Result result = run("http:\n  signingKey: \"" + SIGNING_KEY + "\"\n", List.of(
                "publish|acme|" + exchange + "|orders.acme.created",
                "consume|" + acmeQueue + "|4|default"));

        assertEquals("OK", result.step(1), result.toString());
        List<String> deliveries = deliveries(result);
        assertEquals(4, deliveries.size(), result.toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(deliveries.get(i).startsWith("DELIVERY tenant=null file=BLOCKED NO_TENANT jdbc=BLOCKED"),
                    "no header; an unsigned header; baggage alone, with a signing key set\n" + result);
        }
        assertEquals("DELIVERY tenant=acme file=OK jdbc=OK", deliveries.get(3), "signed by the publishing agent\n" + result);
        assertTrue(result.stderr().contains("'acme' was not used as the tenant of a request"),
                "the unsigned tenant header is reported\n" + result);
    }

    @Test
    void takingMessagesFromAnotherTenantsQueueIsBlockedAndNothingIsConsumed() throws Exception {
        channel.basicPublish(exchange, "orders.globex.created", headers("X-Tenant-ID", "globex"), bytes("globex"));
        channel.basicPublish(exchange, "orders.acme.created", headers("X-Tenant-ID", "acme"), bytes("acme"));

        ForkedJvm.Result result = run("", List.of(
                "get|acme|" + globexQueue,
                "subscribe|acme|" + globexQueue,
                "get|-|" + globexQueue,
                "get|acme|" + acmeQueue,
                "subscribe|acme|" + acmeQueue,
                "subscribe|-|" + acmeQueue));

        assertTrue(result.step(0).startsWith("BLOCKED CROSS_TENANT tenant acme tried to GET amqp:///" + globexQueue
                + " owned by tenant globex (rule messaging.rules amqp:///tg.*.{tenant})"), result.toString());
        assertTrue(result.step(1).startsWith("BLOCKED CROSS_TENANT tenant acme tried to CONSUME amqp:///" + globexQueue),
                result.toString());
        assertTrue(result.step(2).startsWith("BLOCKED NO_TENANT"), "basicGet runs in no tenant\n" + result);
        assertEquals("OK acme", result.step(3), "acme's own queue\n" + result);
        assertEquals("OK", result.step(4), "acme's own queue\n" + result);
        assertEquals("OK", result.step(5), "a consumer registered with no tenant runs each delivery in its own\n" + result);
        GetResponse left = channel.basicGet(globexQueue, true);
        assertNotNull(left, "a refused basicGet or basicConsume took globex's message\n" + result);
        assertEquals("globex", new String(left.getBody(), StandardCharsets.UTF_8));
        assertNull(channel.basicGet(globexQueue, true), result.toString());
    }

    private static AMQP.BasicProperties headers(String name, String value) {
        return new AMQP.BasicProperties.Builder().headers(Map.of(name, value)).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> deliveries(ForkedJvm.Result result) {
        return result.stdout().lines().filter(l -> l.startsWith("DELIVERY")).toList();
    }

    private ForkedJvm.Result run(String extraPolicy, List<String> steps) throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), "mode: enforce\n"
                + extraPolicy
                + "messaging:\n"
                + "  rules:\n"
                + "    - \"amqp://orders.{tenant}.*\"\n"
                + "    - \"amqp:///tg.*.{tenant}\"\n"
                + "files:\n"
                + "  rules:\n"
                + "    - " + data + "/tenants/{tenant}/**\n"
                + "jdbc:\n"
                + "  column: tenant_id\n"
                + "  tables: [orders]\n");
        List<String> args = new java.util.ArrayList<>();
        args.add(data.toString());
        args.addAll(steps);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                MessagingApp.class.getName(), args, ForkedJvm.testJars("amqp-client", "slf4j-api", "h2"));
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
