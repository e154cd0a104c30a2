package com.example.notes.jobs;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.tenantguard.api.TenantContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background jobs over RabbitMQ: published to the topic exchange {@code notes-jobs-<instance>} with the
 * routing key {@code jobs.<tenant>.<kind>}, body the note id (or nothing), and run by this service's
 * own consumer. The tenant the job is published in travels in its {@code X-Tenant-ID} header and the
 * job runs in it; a job that carries none is dropped, since no tenant's data may be touched for it.
 */
public final class JobQueue implements AutoCloseable {
    /** What a consumed job does, in the tenant it carries. */
    public interface Handler {
        void run(String kind, String tenant, String body) throws Exception;
    }

    private static final String TENANT_HEADER = "X-Tenant-ID";

    private final Connection connection;
    private final Channel publishing;
    private final Channel consuming;
    private final String exchange;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private JobQueue(Connection connection, Channel publishing, Channel consuming, String exchange) {
        this.connection = connection;
        this.publishing = publishing;
        this.consuming = consuming;
        this.exchange = exchange;
    }

    /** Connects, declares the exchange and this service's queue, and starts consuming with {@code handler}. */
    public static JobQueue start(String host, int port, String instance, Handler handler) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        Connection connection = factory.newConnection("notes-service");
        Channel publishing = connection.createChannel();
        Channel consuming = connection.createChannel();
        String exchange = "notes-jobs-" + instance;
        publishing.exchangeDeclare(exchange, "topic", false, true, null);
        String queue = consuming.queueDeclare().getQueue(); // server-named, exclusive, gone with the connection
        consuming.queueBind(queue, exchange, "jobs.#");
        JobQueue jobs = new JobQueue(connection, publishing, consuming, exchange);
        consuming.basicConsume(queue, true, jobs.consumer(consuming, handler));
        return jobs;
    }

    /** Publishes a job for {@code tenant} ({@code jobs.<tenant>.<kind>}), carrying the tenant in context. */
    public void publish(String tenant, String kind, String body) throws IOException {
        String current = TenantContext.current();
        AMQP.BasicProperties properties = current == null ? null
                : new AMQP.BasicProperties.Builder().headers(Map.of(TENANT_HEADER, current)).build();
        synchronized (publishing) { // a channel is not for concurrent publishers
            publishing.basicPublish(exchange, "jobs." + tenant + "." + kind, properties,
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Jobs run, dropped (no tenant) and failed so far. */
    public long[] counts() {
        return new long[] {done.get(), dropped.get(), failed.get()};
    }

    private DefaultConsumer consumer(Channel channel, Handler handler) {
        return new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                String kind = envelope.getRoutingKey().substring(envelope.getRoutingKey().lastIndexOf('.') + 1);
                Object header = properties.getHeaders() == null ? null : properties.getHeaders().get(TENANT_HEADER);
                String tenant = header == null ? null : header.toString();
                if (tenant == null) {
                    System.err.println("notes-service: job " + envelope.getRoutingKey() + " carries no tenant: dropped");
                    dropped.incrementAndGet();
                    return;
                }
                try {
                    TenantContext.call(tenant, () -> {
                        handler.run(kind, tenant, new String(body, StandardCharsets.UTF_8));
                        return null;
                    });
                    done.incrementAndGet();
                } catch (Exception e) {
                    System.err.println("notes-service: job " + envelope.getRoutingKey() + " failed: " + e);
                    failed.incrementAndGet();
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // already closed by the broker or the JVM's shutdown: nothing left to release
        }
    }
}
