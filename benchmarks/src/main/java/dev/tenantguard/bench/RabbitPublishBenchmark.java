package dev.tenantguard.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Channel.basicPublish} of 64 bytes on the RabbitMQ on 127.0.0.1:5672, to the default exchange
 * with a routing key no queue is bound to (the broker drops it; no confirms): the client's cost of a
 * publish. The tenant's own routing key (allow path: the rule check, and the tenant header and
 * baggage added to the message's properties), or in the report arm another tenant's (deny path).
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.TG_REPORT})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RabbitPublishBenchmark {
    static final String OWN_ROUTING_KEY = "orders." + BenchFixture.TENANT + ".bench";
    static final String OTHER_ROUTING_KEY = "orders.other.bench";

    private Connection connection;
    private Channel channel;
    private String routingKey;
    private final byte[] body = "0123456789012345678901234567890123456789012345678901234567890123"
            .getBytes(StandardCharsets.US_ASCII);
    private TenantScope scope;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        connection = factory.newConnection();
        channel = connection.createChannel();
        routingKey = ArmCheck.denyPath() ? OTHER_ROUTING_KEY : OWN_ROUTING_KEY;
        scope = TenantContext.open(BenchFixture.TENANT);
        ArmCheck.crossing("a RabbitMQ publish", OTHER_ROUTING_KEY, false, () -> {
            channel.basicPublish("", OTHER_ROUTING_KEY, null, body);
            return null;
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (scope != null) {
            scope.close();
        }
        connection.close();
    }

    /** The tenant is entered per iteration, inside JMH's task (see {@code HttpGetBenchmark.enterTenant}). */
    @Setup(Level.Iteration)
    public void enterTenant() {
        if (scope == null) {
            scope = TenantContext.open(BenchFixture.TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        scope.close();
        scope = null;
    }

    @Benchmark
    public void basicPublish() throws Exception {
        channel.basicPublish("", routingKey, null, body);
    }
}
