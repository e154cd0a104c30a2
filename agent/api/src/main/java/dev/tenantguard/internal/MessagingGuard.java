package dev.tenantguard.internal;

/** The agent's messaging checker, behind {@link MessagingHooks}. */
public interface MessagingGuard {
    /**
     * A message about to be published on {@code channel} to {@code exchange} with {@code routingKey}: checks the
     * destination (throws {@code TenantBoundaryViolation} to block it) and returns the properties to
     * send — {@code properties} itself, or a copy whose headers carry the tenant. {@code Object}
     * because this loader cannot see the client library.
     */
    Object publish(Object channel, String exchange, String routingKey, Object properties, ThreadState state);

    /**
     * The application takes messages from {@code queue} ({@code CONSUME}: registers a consumer on it;
     * {@code GET}: fetches one): checks the queue against the rules before the broker is asked, and throws
     * {@code TenantBoundaryViolation} to refuse it.
     */
    void receive(String queue, String operation, ThreadState state);

    /** Whether deliveries run in their message's tenant ({@code messaging.propagate}); else they are left alone. */
    boolean adoptsTenants();

    /**
     * The tenant a delivered message carries ({@code properties}' headers, read as on an inbound
     * request: a valid tenant id, with a valid signature when a signing key is set), or {@code null}.
     */
    String deliveryTenant(Object envelope, Object properties, ThreadState state);

    /**
     * The tenant a message handed to a Spring AMQP listener container's listener carries ({@code data}: a
     * {@code Message} or a batch of them), read as {@link #deliveryTenant}; {@code null} when none.
     */
    String listenerTenant(Object data, ThreadState state) throws Exception;
}
