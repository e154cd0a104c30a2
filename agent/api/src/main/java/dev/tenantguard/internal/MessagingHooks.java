package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;

/**
 * Entry points of the messaging advice: a message being published, and a consumer's delivery,
 * which runs in the tenant its message carries (none when it carries no valid one) and then gives
 * the thread back its own tenant.
 */
public final class MessagingHooks {
    /** {@link #deliveryEnter}: no scope was opened, nothing to restore. */
    private static final String NOT_OPENED = new String("not opened");
    /** {@link #deliveryEnter}: the thread had no tenant before the delivery. */
    private static final String NONE = new String("none");

    private static volatile MessagingGuard guard;
    private static boolean installed;

    private MessagingHooks() {
    }

    /**
     * Installs the agent's messaging checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, MessagingGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the messaging guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /**
     * A publish on {@code channel}, before anything is sent: returns the properties to send instead
     * of {@code properties}.
     */
    public static Object publish(Object channel, String exchange, String routingKey, Object properties) {
        MessagingGuard g = guard;
        if (g == null) {
            return properties;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return properties;
        }
        s.busy = true;
        try {
            return g.publish(channel, exchange == null ? "" : exchange, routingKey == null ? "" : routingKey, properties, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("messaging", "MessagingHooks.publish", t);
            return properties;
        } finally {
            s.busy = false;
        }
    }

    /**
     * A consumer registered on {@code queue}, or one message fetched from it ({@code operation}
     * {@code CONSUME} or {@code GET}), before the broker is asked.
     */
    public static void receive(String queue, String operation) {
        MessagingGuard g = guard;
        if (g == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.receive(queue == null ? "" : queue, operation, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
    }

    /**
     * A consumer's {@code handleDelivery} starts: the thread's tenant becomes the message's. Returns
     * what {@link #deliveryExit} needs to give the thread its tenant back.
     */
    public static String deliveryEnter(Object envelope, Object properties) {
        return enter(envelope, properties, false);
    }

    /**
     * A Spring AMQP listener container hands {@code data} (a message, or a batch) to its listener, on the
     * container's own thread: the thread's tenant becomes the one the data carries. Returns what
     * {@link #deliveryExit} needs.
     */
    public static String listenerEnter(Object data) {
        return enter(data, null, true);
    }

    private static String enter(Object first, Object second, boolean listener) {
        MessagingGuard g = guard;
        if (g == null || !g.adoptsTenants()) {
            return NOT_OPENED;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return NOT_OPENED;
        }
        String previous = s.tenant;
        String tenant = null;
        s.busy = true;
        try {
            tenant = listener ? g.listenerTenant(first, s) : g.deliveryTenant(first, second, s);
        } catch (Throwable t) {
            tenant = null;
            try {
                AgentErrors.internalError("messaging", "MessagingHooks.deliveryEnter", t);
            } catch (TenantBoundaryViolation refused) {
                // failing closed here is the delivery running with no tenant: every tenant's data refused
            }
        } finally {
            s.busy = false;
        }
        s.tenant = tenant;
        return previous == null ? NONE : previous;
    }

    /** The delivery ended (returned or threw): the thread's own tenant again. */
    public static void deliveryExit(String token) {
        if (token == NOT_OPENED) {
            return;
        }
        ThreadState.current().tenant = token == NONE ? null : token;
    }
}
