package dev.tenantguard.agent.config;

import java.util.List;

/**
 * The {@code http.*} keys, and {@code tenant.header}, the header that carries the tenant between
 * services.
 *
 * @param mode         {@code http.mode}, defaulting to {@code mode}
 * @param rules        {@code http.rules}: URL patterns with {@code {tenant}} in a host label or a path segment
 * @param tenantHeader {@code tenant.header}, a valid HTTP header name, default {@value #DEFAULT_TENANT_HEADER}
 * @param propagate    {@code http.propagate}, default true: the tenant in context is added to every
 *                     outbound request, as {@code tenantHeader} and as the W3C baggage member
 *                     {@code tenant}
 * @param signingKey   {@code http.signingKey}, or {@code null}: a secret shared by the services; when
 *                     set, every propagated tenant header is signed (see {@code TenantSignature}) and
 *                     inbound tenant headers are trusted only with a valid signature
 */
public record HttpPolicy(Mode mode, List<String> rules, String tenantHeader, boolean propagate, String signingKey) {
    public static final String DEFAULT_TENANT_HEADER = "X-Tenant-ID";

    public HttpPolicy {
        rules = List.copyOf(rules);
    }

    /** The header that carries the signature of the tenant header: {@code <tenant.header>-Signature}. */
    public String signatureHeader() {
        return tenantHeader + "-Signature";
    }

    @Override
    public String toString() {
        // the key is a secret: never printed, whoever logs the policy
        return "HttpPolicy[mode=" + mode + ", rules=" + rules + ", tenantHeader=" + tenantHeader + ", propagate="
                + propagate + ", signingKey=" + (signingKey == null ? "none" : "set") + "]";
    }

    /** Whether outbound URLs are checked against rules. */
    public boolean checksUrls() {
        return mode != Mode.OFF && !rules.isEmpty();
    }

    /** Whether the tenant is added to outbound requests (and a conflicting tenant header is a crossing). */
    public boolean propagates() {
        return mode != Mode.OFF && propagate;
    }

    /**
     * Whether the HTTP clients are instrumented: for rules, or for propagation alone, which
     * touches every outbound request whatever its host. Neither → not instrumented at all.
     */
    public boolean instrumented() {
        return checksUrls() || propagates();
    }
}
