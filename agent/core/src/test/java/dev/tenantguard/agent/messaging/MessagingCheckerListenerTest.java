package dev.tenantguard.agent.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.internal.ThreadState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which tenant a Spring AMQP listener runs in, read from stand-ins with the shape of Spring's
 * {@code Message} and {@code MessageProperties} (the agent reads them by name, not by type).
 */
class MessagingCheckerListenerTest {
    private final CollectingSink sink = new CollectingSink();
    private final MessagingChecker checker = new MessagingChecker(List.of(), Mode.ENFORCE,
            new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()), NoTenantResponse.REPORT, 4),
            true, "X-Tenant-ID", "X-Tenant-ID-Signature", null, "[a-z0-9][a-z0-9_-]{0,62}");

    /** Spring's MessageProperties, as far as the agent reads it. */
    public static final class Properties {
        private final Map<String, Object> headers;

        Properties(Map<String, Object> headers) {
            this.headers = headers;
        }

        public Map<String, Object> getHeaders() {
            return headers;
        }

        public String getReceivedExchange() {
            return "";
        }

        public String getReceivedRoutingKey() {
            return "jobs";
        }
    }

    /** Spring's Message, as far as the agent reads it. */
    public static final class Message {
        private final Properties properties;

        Message(Map<String, Object> headers) {
            this.properties = new Properties(headers);
        }

        public Properties getMessageProperties() {
            return properties;
        }
    }

    private static Message of(String tenant) {
        return new Message(tenant == null ? Map.of() : Map.of("X-Tenant-ID", tenant));
    }

    private String tenantOf(Object data) throws Exception {
        return checker.listenerTenant(data, ThreadState.current());
    }

    @Test
    void aMessageRunsInTheTenantItCarries() throws Exception {
        assertEquals("acme", tenantOf(of("acme")));
        assertEquals("globex", tenantOf(new Message(Map.of("baggage", "tenant=globex"))));
        assertEquals(null, tenantOf(of(null)));
    }

    @Test
    void aTenantThatIsNoTenantIdIsRecordedAndNotUsed() throws Exception {
        assertEquals(null, tenantOf(of("Not A Tenant")));
        assertEquals(1, sink.writes().size(), "recorded once as INVALID_TENANT, not thrown");
        assertEquals("INVALID_TENANT", sink.writes().get(0).event().kind());
    }

    @Test
    void aBatchRunsInTheTenantAllItsMessagesCarryElseInNone() throws Exception {
        assertEquals("acme", tenantOf(List.of(of("acme"), of("acme"))));
        assertEquals(null, tenantOf(List.of(of("acme"), of("globex"))), "a batch of two tenants");
        assertEquals(null, tenantOf(List.of(of("acme"), of(null))), "a batch with a message of no tenant");
        assertEquals(null, tenantOf(List.of()));
        assertEquals(null, tenantOf(List.of(of("acme"), "not a message")));
    }

    @Test
    void dataThatIsNoMessageCarriesNoTenant() throws Exception {
        assertEquals(null, tenantOf("a payload"));
        assertEquals(null, tenantOf(null));
    }
}
