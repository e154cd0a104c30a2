package dev.tenantguard.internal;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/** The agent's outbound HTTP checker, behind {@link HttpHooks}. */
public interface HttpGuard {
    /** Whether a request to {@code host} may fall under a rule: no allocation, no I/O. */
    boolean coversHost(String host);

    /**
     * {@link #coversHost} for the host of a {@code URI}: the same answer, without scanning a host
     * name for what {@code java.net.URI}'s parser never lets into one (escapes, non-ASCII characters).
     */
    boolean coversUri(URI uri);

    /** Checks a request about to leave the process; throws {@code TenantBoundaryViolation} to block it. */
    void request(URI uri, String method, ThreadState state);

    /** {@link #request(URI, String, ThreadState)} for {@code HttpURLConnection}. */
    void request(URL url, String method, ThreadState state);

    /**
     * Checks the next request of a redirect that {@code HttpClient} follows on its own threads:
     * {@code original} is the request being redirected, whose tenant header tells whose request it
     * is. {@code Object} because this loader cannot see {@code java.net.http}.
     */
    void redirect(URI uri, String method, Object original, ThreadState state);

    /** Whether the tenant in context is added to outbound requests. */
    boolean propagates();

    /**
     * Called with a tenant in {@code state}: returns the {@code java.net.http.HttpRequest} to send
     * in place of {@code request} (the same object when it already carries the tenant), or throws
     * {@code TenantBoundaryViolation} when the application set the tenant header to another tenant.
     * {@code Object} because this loader cannot see {@code java.net.http}.
     */
    Object propagate(Object request, URI uri, String method, ThreadState state);

    /**
     * Called with a tenant in {@code state} at each trigger of a connection not yet connecting:
     * sets the tenant headers through the public API (idempotent), or throws on a conflicting
     * tenant header.
     */
    void propagate(HttpURLConnection connection, ThreadState state);

    /**
     * A request of an HTTP library ({@link HttpHooks#library}): checks it, and returns the request to
     * send, carrying the tenant when it is propagated. {@code Object} because this loader cannot see
     * the library.
     */
    Object library(int library, Object request, Object target, ThreadState state);
}
