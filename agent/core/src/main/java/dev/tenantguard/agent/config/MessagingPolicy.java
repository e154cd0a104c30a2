package dev.tenantguard.agent.config;

import java.util.List;

/**
 * The {@code messaging.*} keys.
 *
 * @param mode  {@code messaging.mode}, defaulting to {@code mode}
 * @param rules {@code messaging.rules}: destinations with {@code {tenant}} in one segment, e.g.
 *              {@code amqp://orders.{tenant}.*} (AMQP: {@code amqp://<exchange>/<routing key>}, or
 *              {@code amqp://<routing key>} on any exchange, see docs/messaging.md)
 * @param propagate {@code messaging.propagate}, default true: a message published with a tenant in
 *              context carries it ({@code tenant.header}, signed with {@code http.signingKey} when set,
 *              and the W3C baggage member {@code tenant}); a consumer runs each delivery in the tenant its
 *              message carries
 */
public record MessagingPolicy(Mode mode, List<String> rules, boolean propagate) {
    public MessagingPolicy {
        rules = List.copyOf(rules);
    }

    /** Messaging with no rules, the tenant carried (the defaults). */
    public static MessagingPolicy defaults(Mode mode) {
        return new MessagingPolicy(mode, List.of(), true);
    }

    /** Whether destinations are checked against rules. */
    public boolean checksDestinations() {
        return mode != Mode.OFF && !rules.isEmpty();
    }

    /** Whether the tenant travels with messages (and consumers run in it). */
    public boolean propagates() {
        return mode != Mode.OFF && propagate;
    }

    /** Whether the messaging clients are instrumented: for rules or for propagation. */
    public boolean instrumented() {
        return checksDestinations() || propagates();
    }
}
