package dev.tenantguard.agent.config;

import java.util.List;

/**
 * The keys that derive a request's tenant: {@code tenant.from} and {@code tenant.mdcKey}.
 *
 * @param from   {@code tenant.from}: the sources in the order they are tried, the first valid value
 *               wins; default {@link #DEFAULT_FROM}; empty: inbound requests are not looked at
 * @param mdcKey {@code tenant.mdcKey}, or {@code null}: the SLF4J MDC key the request's tenant is
 *               put under, and read from when no source gave one
 */
public record InboundPolicy(List<TenantSource> from, String mdcKey) {
    /** Only the tenant header: what the agent itself propagates to the next service. */
    public static final List<TenantSource> DEFAULT_FROM = List.of(new TenantSource(TenantSource.Kind.HEADER, null));

    public InboundPolicy {
        from = List.copyOf(from);
    }

    /** The defaults: the tenant header, no MDC. */
    public static InboundPolicy defaults() {
        return new InboundPolicy(DEFAULT_FROM, null);
    }

    /** Whether servers are instrumented at all. */
    public boolean instrumented() {
        return !from.isEmpty() || mdcKey != null;
    }
}
