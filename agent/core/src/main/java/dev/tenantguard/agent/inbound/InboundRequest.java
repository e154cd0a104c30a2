package dev.tenantguard.agent.inbound;

/**
 * What the tenant sources read of an inbound request, whichever server received it. Created per
 * request on its first entry only.
 */
interface InboundRequest {
    /** The first value of header {@code name} (case-insensitive), or {@code null}. */
    String header(String name);

    /** The host the request was sent to (the Host header, possibly with a port), or {@code null}. */
    String host();

    /** The raw (not decoded) path, without the query. */
    String rawPath();

    /** The raw (not decoded) query string, without {@code ?}, or {@code null}; read without touching the body. */
    String rawQuery();

    String method();

    /** The tenant an earlier entry of this request derived ("" for none), or {@code null} on the first. */
    String derivedTenant();

    /** Remembers the derived tenant ("" for none) on the request, for its later dispatches. */
    void rememberTenant(String tenant);

    /** For reports: {@code GET /t/acme/orders}. */
    default String describe() {
        return "request " + method() + " " + rawPath();
    }
}
