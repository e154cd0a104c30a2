package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * Entry points of the outbound HTTP advice. A request to a host no rule names costs a field read
 * and the guard's host pre-filter; only then, or when the tenant is propagated, is the thread's
 * state read. Without a tenant in context nothing is propagated and nothing is allocated.
 */
public final class HttpHooks {
    /** {@link #library}: Apache HttpClient 5, classic or async; {@code target} is the exec chain's scope. */
    public static final int APACHE5 = 0;
    /** {@link #library}: Apache HttpClient 4; {@code target} is the route. */
    public static final int APACHE4 = 1;
    /** {@link #library}: an OkHttp call being created; no {@code target}. */
    public static final int OKHTTP = 2;
    /** {@link #library}: the follow-up request (redirect) OkHttp makes by itself; no {@code target}. */
    public static final int OKHTTP_FOLLOW_UP = 3;

    private static volatile HttpGuard guard;
    private static boolean installed;

    private HttpHooks() {
    }

    /**
     * Installs the agent's HTTP checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, HttpGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the HTTP guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** The agent's self-test: a probe guard (or {@code null}) before {@link #install}; refused after it. */
    public static synchronized void probe(AgentKey key, HttpGuard g) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the HTTP guard is installed; refused");
        }
        guard = g;
    }

    /**
     * {@code HttpClient.send} and {@code sendAsync}, before anything is sent: checks the URL, then
     * returns the request to send — {@code request} itself, or one that carries the tenant headers.
     */
    public static Object request(Object request, URI uri, String method) {
        HttpGuard g = guard;
        if (g == null) {
            return request;
        }
        if (uri != null && covers(g, uri)) {
            checked(g, uri, null, method);
        }
        return g.propagates() ? propagated(g, request, uri, method) : request;
    }

    /**
     * A request of an HTTP library, before anything is sent: checks its URL and returns the request
     * to send — {@code request} itself (headers set in place) or a copy that carries the tenant.
     *
     * @param library one of {@link #APACHE5}, {@link #APACHE4}, {@link #OKHTTP}, {@link #OKHTTP_FOLLOW_UP}
     * @param target  what the library knows of the destination besides the request, or {@code null}
     */
    public static Object library(int library, Object request, Object target) {
        HttpGuard g = guard;
        if (g == null || request == null) {
            return request;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return request;
        }
        s.busy = true;
        try {
            return g.library(library, request, target, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("http", "HttpHooks.library", t);
            return request;
        } finally {
            s.busy = false;
        }
    }

    /** {@code HttpClient} creating the request of a redirect it follows, before it is sent. */
    public static void redirect(URI uri, String method, Object original) {
        HttpGuard g = guard;
        if (g == null || uri == null || !covers(g, uri)) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.redirect(uri, method, original, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("http", "HttpHooks.redirect", t);
        } finally {
            s.busy = false;
        }
    }

    /** {@code HttpURLConnection} connecting (each redirect connects again). */
    public static void request(URL url, String method) {
        HttpGuard g = guard;
        if (g != null && url != null && covers(g, url.getHost())) {
            checked(g, null, url, method);
        }
    }

    /** {@code HttpURLConnection.plainConnect0()}: the connection's URL and method. */
    public static void request(HttpURLConnection connection) {
        request(connection.getURL(), connection.getRequestMethod());
    }

    /** A public trigger of {@code HttpURLConnection}: only a connection neither connected nor connecting. */
    public static void connecting(HttpURLConnection connection, boolean connected, boolean connecting) {
        if (!connected && !connecting) {
            connecting(connection);
        }
    }

    /**
     * A public trigger of {@code HttpURLConnection} (connect, getInputStream, getOutputStream) on a
     * connection that is neither connected nor connecting: the last moment its headers can be set.
     */
    public static void connecting(HttpURLConnection connection) {
        HttpGuard g = guard;
        if (g == null || connection == null || !g.propagates()) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.tenant == null || s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.propagate(connection, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("http", "HttpHooks.propagate", t);
        } finally {
            s.busy = false;
        }
    }

    private static Object propagated(HttpGuard g, Object request, URI uri, String method) {
        ThreadState s = ThreadState.current();
        if (s.tenant == null || s.busy || request == null) {
            return request;
        }
        s.busy = true;
        try {
            return g.propagate(request, uri, method, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("http", "HttpHooks.propagate", t);
            return request;
        } finally {
            s.busy = false;
        }
    }

    // No host (an opaque or malformed address, or one java.net.URI could not parse as a server, such
    // as an escaped or non-ASCII host name): covered, so the checker decides, and it fails closed.
    private static boolean covers(HttpGuard g, String host) {
        try {
            return host == null || g.coversHost(host);
        } catch (Throwable t) {
            return coverFailed(t);
        }
    }

    private static boolean covers(HttpGuard g, URI uri) {
        try {
            return uri.getHost() == null || g.coversUri(uri);
        } catch (Throwable t) {
            return coverFailed(t);
        }
    }

    /** The pre-filter's own error: reported (in enforce the error guard refuses the call), not covered. */
    private static boolean coverFailed(Throwable t) {
        if (!ThreadState.current().busy) { // the agent's own I/O is never refused
            AgentErrors.internalError("http", "HttpHooks.covers", t);
        }
        return false;
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
            AgentErrors.internalError("http", "HttpHooks.check", t);
        } finally {
            s.busy = false;
        }
    }
}
