package dev.tenantguard.agent.http;

import dev.tenantguard.agent.tooling.JdkWeaver;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.HttpGuard;
import dev.tenantguard.internal.HttpHooks;
import dev.tenantguard.internal.ThreadState;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves after install that outbound HTTP is intercepted. {@code HttpURLConnection} makes a real
 * connect to a probe host, with a probe tenant in context: the probe guard sees the trigger that
 * propagates the tenant, then blocks the connect in the hook before any name lookup. For
 * {@code HttpClient} a real send would start the client's selector thread at every start, so the
 * check is that the class was transformed and still has the method the advice is made for.
 */
final class HttpSelfTest {
    private static final String PROBE_HOST = "tenant-guard-self-test.invalid";

    private static final String HTTP_CLIENT = "jdk.internal.net.http.HttpClientImpl";
    private static final String HTTP_REQUEST = "jdk.internal.net.http.HttpRequestImpl";

    private HttpSelfTest() {
    }

    /** @param httpClient whether this JVM has {@code java.net.http} (else only HttpURLConnection is proven) */
    static List<String> run(JdkWeaver weaver, boolean httpClient, AgentKey key) {
        List<String> failures = new ArrayList<>();
        ProbeGuard guard = new ProbeGuard();
        ThreadState state = ThreadState.current();
        String tenant = state.tenant();
        HttpHooks.probe(key, guard);
        try {
            state.tenant(key, "self-test");
            new URL("http://" + PROBE_HOST + "/").openConnection().connect();
            failures.add("HttpURLConnection.connect was not intercepted");
        } catch (ProbeSignal expected) {
            // the hook saw it first
        } catch (Exception | LinkageError e) {
            failures.add("HttpURLConnection.connect was not intercepted (it failed with " + e + ")");
        } finally {
            HttpHooks.probe(key, null);
            state.tenant(key, tenant);
        }
        if (!guard.propagateSeen) {
            failures.add("HttpURLConnection.connect does not propagate the tenant (the trigger was not intercepted)");
        }
        if (httpClient) {
            requireWoven(failures, weaver, "HttpClient.send", HTTP_CLIENT, "sendAsync");
            requireWoven(failures, weaver, "HttpClient redirects", HTTP_REQUEST,
                    "newInstanceForRedirection");
        }
        return failures;
    }

    /**
     * That {@code type} has {@code method} woven — now, or (not loaded yet) by a dry run on this
     * JDK's class file, so the class still has the method the weave is made for.
     */
    private static void requireWoven(List<String> failures, JdkWeaver weaver, String route, String type, String method) {
        if (!weaver.weaves(type, method)) {
            failures.add(route + " is not intercepted (" + type + " has no " + method + " the agent can weave)");
        }
    }

    private static final class ProbeGuard implements HttpGuard {
        boolean propagateSeen;

        @Override
        public boolean propagates() {
            return true;
        }

        @Override
        public Object propagate(Object request, URI uri, String method, ThreadState state) {
            return request;
        }

        @Override
        public void propagate(HttpURLConnection connection, ThreadState state) {
            propagateSeen |= PROBE_HOST.equals(connection.getURL().getHost());
        }

        @Override
        public boolean coversHost(String host) {
            return PROBE_HOST.equals(host);
        }

        @Override
        public boolean coversUri(URI uri) {
            return coversHost(uri.getHost());
        }

        @Override
        public void request(URI uri, String method, ThreadState state) {
            throw new ProbeSignal(uri.toString());
        }

        @Override
        public void request(URL url, String method, ThreadState state) {
            throw new ProbeSignal(url.toString());
        }

        @Override
        public void redirect(URI uri, String method, Object original, ThreadState state) {
        }

        @Override
        public Object library(int library, Object request, Object target, ThreadState state) {
            return request;
        }
    }

    private static final class ProbeSignal extends TenantBoundaryViolation {
        private static final long serialVersionUID = 1L;

        ProbeSignal(String url) {
            super(ViolationKind.CROSS_TENANT, "http", "GET", url, "self-test", null, "self-test");
        }
    }
}
