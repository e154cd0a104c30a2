package dev.tenantguard.agent.messaging;

import dev.tenantguard.agent.carrier.Baggage;
import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.policy.DestinationRule;
import dev.tenantguard.agent.policy.KeyRule;
import dev.tenantguard.agent.policy.PathRule;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.MessagingGuard;
import dev.tenantguard.internal.ThreadState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Publishing: the destination checked against {@code messaging.rules} (another tenant's is a
 * crossing, a tenant's with none in context {@code NO_TENANT}), then the tenant put into the
 * message's headers. Consuming: the tenant a message carries, trusted as an inbound request's
 * tenant header is — a valid tenant id, signed when {@code http.signingKey} is set.
 */
public final class MessagingChecker implements MessagingGuard {
    static final String FAMILY = "messaging";
    /** The signature's "method" for a message: it signs {@code PUBLISH <exchange>/<routing key>}. */
    static final String PUBLISH = "PUBLISH";
    /** A consumer registered on a queue ({@code basicConsume}). */
    static final String CONSUME = "CONSUME";

    private final DestinationRule[] rules;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final boolean propagate;
    private final String tenantHeader;
    private final String signatureHeader;
    private final TenantSignature signer;
    private final Pattern tenantPattern;

    /**
     * @param signer signs published tenants and verifies delivered ones ({@code http.signingKey}), or
     *               {@code null}: a delivered tenant header is then trusted as it is
     */
    public MessagingChecker(List<String> rules, Mode mode, BoundaryEnforcer enforcer, boolean propagate,
            String tenantHeader, String signatureHeader, TenantSignature signer, String tenantPattern) {
        this.rules = new DestinationRule[rules.size()];
        for (int i = 0; i < this.rules.length; i++) {
            this.rules[i] = DestinationRule.compile(rules.get(i));
        }
        this.mode = mode;
        this.enforcer = enforcer;
        this.propagate = propagate;
        this.tenantHeader = tenantHeader;
        this.signatureHeader = signatureHeader;
        this.signer = signer;
        this.tenantPattern = Pattern.compile(tenantPattern);
    }

    @Override
    public Object publish(Object channel, String exchange, String routingKey, Object properties, ThreadState state) {
        String tenant = state.tenant();
        if (!state.privileged()) {
            for (DestinationRule rule : rules) {
                long match = rule.match(exchange, routingKey);
                if (match == KeyRule.NO_MATCH) {
                    continue;
                }
                String owned = rule.capturesExchange() ? exchange : routingKey;
                if (!captures(owned, match, tenant)) {
                    enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.CROSS_TENANT,
                            FAMILY, PUBLISH, "amqp://" + exchange + "/" + routingKey,
                            match < 0 ? null : owned.substring(PathRule.captureStart(match), PathRule.captureEnd(match)),
                            tenant, "messaging.rules " + rule.pattern(), null);
                }
            }
        }
        if (!propagate || tenant == null) {
            return properties;
        }
        Map<String, Object> headers = RabbitProperties.headers(properties);
        Object given = headers == null ? null : headers.get(tenantHeader);
        if (given != null && !tenant.equals(given.toString()) && !state.privileged()) {
            enforcer.violation(mode, ViolationKind.CROSS_TENANT, FAMILY, PUBLISH, "amqp://" + exchange + "/" + routingKey,
                    given.toString(), tenant, "the message's " + tenantHeader + " header names another tenant", null);
        }
        Map<String, Object> carried = headers == null ? new HashMap<>() : new HashMap<>(headers);
        carried.put(tenantHeader, tenant);
        if (signer != null) {
            carried.put(signatureHeader, signer.sign(tenant, PUBLISH, exchange + "/" + routingKey,
                    System.currentTimeMillis() / 1000));
        }
        Object baggage = carried.get(Baggage.HEADER);
        carried.put(Baggage.HEADER, Baggage.withTenant(baggage == null ? null : baggage.toString(), tenant));
        return RabbitProperties.withHeaders(properties, channel.getClass(), carried);
    }

    /**
     * A queue is the destination {@code amqp:///<queue>} (the default exchange routes a message to the
     * queue its routing key names): a rule that gives it to another tenant makes taking messages from it
     * a crossing. With no tenant in context, registering a consumer is allowed — its deliveries run in
     * the tenant each message carries — while fetching a message with {@code basicGet}, which runs in
     * nothing but the caller's context, is {@code NO_TENANT}.
     */
    @Override
    public void receive(String queue, String operation, ThreadState state) {
        String tenant = state.tenant();
        if (state.privileged() || (tenant == null && CONSUME.equals(operation))) {
            return;
        }
        for (DestinationRule rule : rules) {
            long match = rule.match("", queue);
            if (match == KeyRule.NO_MATCH || rule.capturesExchange()) {
                continue;
            }
            if (!captures(queue, match, tenant)) {
                enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.CROSS_TENANT,
                        FAMILY, operation, "amqp:///" + queue,
                        match < 0 ? null : queue.substring(PathRule.captureStart(match), PathRule.captureEnd(match)),
                        tenant, "messaging.rules " + rule.pattern(), null);
            }
        }
    }

    @Override
    public boolean adoptsTenants() {
        return propagate;
    }

    @Override
    public String deliveryTenant(Object envelope, Object properties, ThreadState state) {
        return tenantOf(RabbitProperties.headers(properties), RabbitProperties.destination(envelope));
    }

    /**
     * The tenant a message handed to a Spring AMQP listener carries: one {@code Message}, or a batch
     * ({@code List} of them) whose messages all carry the same tenant; anything else carries none.
     */
    @Override
    public String listenerTenant(Object data, ThreadState state) throws Exception {
        if (SpringAmqpMessages.isMessage(data)) {
            SpringAmqpMessages.Received received = SpringAmqpMessages.read(data);
            return tenantOf(received.headers(), received.destination());
        }
        if (!(data instanceof List<?> batch) || batch.isEmpty()) {
            return null;
        }
        String common = null;
        for (Object message : batch) {
            String tenant = SpringAmqpMessages.isMessage(message) ? listenerTenant(message, state) : null;
            if (tenant == null || (common != null && !common.equals(tenant))) {
                return null; // a batch of several tenants, or with a message of none, runs in none
            }
            common = tenant;
        }
        return common;
    }

    /** The tenant in a delivered message's headers, read as an inbound request's tenant header is. */
    private String tenantOf(Map<String, Object> headers, String destination) {
        if (headers == null) {
            return null;
        }
        Object header = headers.get(tenantHeader);
        String tenant = header == null ? null : header.toString();
        if (signer != null) {
            if (tenant == null) {
                return null; // baggage cannot be signed: with a key only the signed header is trusted
            }
            Object signature = headers.get(signatureHeader);
            TenantSignature.Verdict verdict = signer.verify(tenant, PUBLISH, destination,
                    signature == null ? null : signature.toString(), System.currentTimeMillis() / 1000);
            if (verdict != TenantSignature.Verdict.VALID) {
                unused(tenant, destination, "its signature " + verdict.description);
                return null;
            }
        } else if (tenant == null) {
            Object baggage = headers.get(Baggage.HEADER);
            tenant = baggage == null ? null : Baggage.member(baggage.toString(), Baggage.TENANT_KEY);
            if (tenant == null) {
                return null;
            }
        }
        if (!tenantPattern.matcher(tenant).matches()) {
            unused(tenant, destination, "it does not match tenant.pattern " + tenantPattern.pattern());
            return null;
        }
        return tenant;
    }

    /** A delivered tenant the consumer does not run in: recorded, never thrown (the delivery runs with none). */
    private void unused(String tenant, String destination, String why) {
        try {
            enforcer.violation(Mode.REPORT, ViolationKind.INVALID_TENANT, FAMILY, "INBOUND", tenant, null, null,
                    "the tenant of a message from " + destination + ": " + why, null);
        } catch (TenantBoundaryViolation recorded) {
            // the family's current mode (enforce) wins over REPORT in the enforcer: recorded, and not thrown
            // here, since refusing a delivery would leave it to the client's error handling, not the queue
        }
    }

    private static boolean captures(String text, long match, String tenant) {
        if (tenant == null || match < 0) {
            return false;
        }
        int start = PathRule.captureStart(match);
        int end = PathRule.captureEnd(match);
        return end - start == tenant.length() && text.regionMatches(start, tenant, 0, tenant.length());
    }
}
