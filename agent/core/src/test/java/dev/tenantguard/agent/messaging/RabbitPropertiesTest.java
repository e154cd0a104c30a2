package dev.tenantguard.agent.messaging;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What the agent reads from the RabbitMQ client is all there in the client it is tested with: no false alarm. */
class RabbitPropertiesTest {
    @Test
    void everyMemberReadIsFoundInTheClientTheAgentIsTestedWith() {
        assertNull(RabbitProperties.READS.firstMissingIn(getClass().getClassLoader()));
    }
}
