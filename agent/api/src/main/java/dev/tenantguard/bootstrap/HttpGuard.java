package dev.tenantguard.bootstrap;

import java.net.URI;
import java.net.URL;

/** The agent's outbound HTTP checker, behind {@link HttpHooks}. */
public interface HttpGuard {
    /** Whether a request to {@code host} may fall under a rule: no allocation, no I/O. */
    boolean coversHost(String host);

    /** Checks a request about to leave the process; throws {@code TenantBoundaryViolation} to block it. */
    void request(URI uri, String method, ThreadState state);

    /** {@link #request(URI, String, ThreadState)} for {@code HttpURLConnection}. */
    void request(URL url, String method, ThreadState state);
}
