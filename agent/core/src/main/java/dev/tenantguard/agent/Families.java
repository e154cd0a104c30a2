package dev.tenantguard.agent;

import dev.tenantguard.agent.files.FilesFamily;
import dev.tenantguard.agent.http.HttpFamily;
import dev.tenantguard.agent.inbound.InboundFamily;
import dev.tenantguard.agent.jdbc.JdbcFamily;
import dev.tenantguard.agent.messaging.MessagingFamily;
import dev.tenantguard.agent.propagation.PropagationFamily;
import dev.tenantguard.agent.redis.RedisFamily;
import dev.tenantguard.agent.tooling.Family;
import java.util.List;

/** Every family the agent knows, in the order of the start line. Adding a family is one line here. */
final class Families {
    private Families() {
    }

    /** New instances: a family may learn things at an attach ({@link Family#beforeAttach}). */
    static List<Family> all() {
        return List.of(new FilesFamily(), new JdbcFamily(), new HttpFamily(), new PropagationFamily(),
                new InboundFamily(), new RedisFamily(), new MessagingFamily());
    }
}
