package dev.tenantguard.bootstrap;

import dev.tenantguard.api.TenantBoundaryViolation;
import java.net.URI;
import java.net.URL;

/**
 * Entry points of the outbound HTTP advice. A request to a host no rule names costs a field read
 * and the guard's host pre-filter; only then is the thread's state read.
 */
public final class HttpHooks {
    private static volatile HttpGuard guard;

    private HttpHooks() {
    }

    public static void install(HttpGuard g) {
        guard = g;
    }

    /** {@code HttpClient.send} and {@code sendAsync}, before anything is sent. */
    public static void request(URI uri, String method) {
        HttpGuard g = guard;
        if (g != null && uri != null && covers(g, uri.getHost())) {
            checked(g, uri, null, method);
        }
    }

    /** {@code HttpURLConnection} connecting (each redirect connects again). */
    public static void request(URL url, String method) {
        HttpGuard g = guard;
        if (g != null && url != null && covers(g, url.getHost())) {
            checked(g, null, url, method);
        }
    }

    private static boolean covers(HttpGuard g, String host) {
        try {
            // no host (an opaque or malformed URL): let the checker decide, it fails closed
            return host == null || g.coversHost(host);
        } catch (Throwable t) {
            Hooks.internalError(t);
            return false;
        }
    }

    private static void checked(HttpGuard g, URI uri, URL url, String method) {
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return;
        }
        s.busy = true;
        try {
            if (uri != null) {
                g.request(uri, method, s);
            } else {
                g.request(url, method, s);
            }
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            Hooks.internalError(t);
        } finally {
            s.busy = false;
        }
    }
}
