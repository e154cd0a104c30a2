package dev.tenantguard.agent.inbound;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.tenantguard.agent.tooling.JdkWeaver;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.InboundGuard;
import dev.tenantguard.internal.InboundHooks;
import dev.tenantguard.internal.ThreadState;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves after install that an exchange of the JDK HttpServer opens and closes a request scope: a
 * probe exchange goes through a real {@code Filter.Chain} (no socket, no thread) with a probe guard
 * behind the hooks, and the handler must run inside the scope. Servlet containers load later: a
 * container class that cannot be instrumented is reported on stderr when it loads.
 */
final class InboundSelfTest {
    private InboundSelfTest() {
    }

    static List<String> run(JdkWeaver weaver, AgentKey key) {
        List<String> failures = new ArrayList<>();
        Class<?> chain;
        try {
            chain = Class.forName(InboundInstrumentation.FILTER_CHAIN, true, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return failures; // a runtime without the jdk.httpserver module: nothing to guard there
        }
        if (!weaver.wovenClass(chain.getName())) {
            failures.add("inbound: " + chain.getName() + " was not instrumented");
            return failures;
        }
        ProbeGuard guard = new ProbeGuard();
        ThreadState state = ThreadState.current();
        boolean[] inScope = new boolean[1];
        InboundHooks.probe(key, guard);
        try {
            new Filter.Chain(List.of(), exchange -> inScope[0] = guard.started && !guard.ended)
                    .doFilter(new ProbeExchange());
        } catch (Exception | LinkageError e) {
            failures.add("inbound: the HttpServer probe failed: " + e);
        } finally {
            InboundHooks.probe(key, null);
        }
        if (!inScope[0] || !guard.ended || state.inboundDepth() != 0) {
            failures.add("inbound: an HttpServer exchange did not open and close a request scope (opened "
                    + guard.started + ", closed " + guard.ended + ")");
        }
        return failures;
    }

    private static final class ProbeGuard implements InboundGuard {
        volatile boolean started;
        volatile boolean ended;

        @Override
        public void requestStarted(Object request, ThreadState state) {
            started = request instanceof ProbeExchange;
        }

        @Override
        public void taskStarted(String tenant, ThreadState state) {
        }

        @Override
        public void requestEnded(ThreadState state) {
            ended = started;
        }

        @Override
        public void nestedEntry(ThreadState state) {
        }

        @Override
        public boolean readsMdc() {
            return false;
        }

        @Override
        public void opened(String tenant, ThreadState state) {
        }

        @Override
        public Runnable asyncTask(Object asyncContext, Runnable task) {
            return task;
        }
    }

    /** An exchange that is never sent anywhere. */
    private static final class ProbeExchange extends HttpExchange {
        @Override
        public Headers getRequestHeaders() {
            return new Headers();
        }

        @Override
        public Headers getResponseHeaders() {
            return new Headers();
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/");
        }

        @Override
        public String getRequestMethod() {
            return "GET";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public InputStream getRequestBody() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream getResponseBody() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void sendResponseHeaders(int code, long length) {
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public int getResponseCode() {
            return -1;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void setStreams(InputStream in, OutputStream out) {
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
