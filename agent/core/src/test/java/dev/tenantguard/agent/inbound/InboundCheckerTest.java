package dev.tenantguard.agent.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.check.TenantIdValidator;
import dev.tenantguard.agent.check.TenantLifecycle;
import dev.tenantguard.agent.config.InboundPolicy;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import dev.tenantguard.internal.InboundHooks;
import dev.tenantguard.internal.RequestTask;
import dev.tenantguard.internal.TenantHooks;
import dev.tenantguard.internal.TestThreads;
import dev.tenantguard.internal.ThreadState;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request scope through the bootstrap hooks, the way the advice calls them. */
class InboundCheckerTest {
    private final CollectingSink sink = new CollectingSink();

    @BeforeEach
    void install() {
        BoundaryEnforcer enforcer = new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()),
                NoTenantResponse.ENFORCE, 12);
        InboundHooks.probe(TestThreads.KEY, new InboundChecker(InboundPolicy.DEFAULT_FROM, Policy.DEFAULT_TENANT_PATTERN, "X-Tenant-ID",
                "X-Tenant-ID-Signature", null, null, Mode.ENFORCE, enforcer, TestThreads.KEY));
        TenantHooks.probe(TestThreads.KEY, new TenantLifecycle(
                new TenantIdValidator(Policy.DEFAULT_TENANT_PATTERN, Mode.ENFORCE, enforcer, TestThreads.KEY), enforcer,
                Mode.ENFORCE));
    }

    @AfterEach
    void uninstall() {
        InboundHooks.probe(TestThreads.KEY, null);
        TenantHooks.probe(TestThreads.KEY, null);
        TestThreads.reset();
    }

    @Test
    void theOutermostEntryOpensTheScopeAndItsExitRestoresTheThread() {
        ThreadState outer = InboundHooks.enter(exchange("acme"));
        ThreadState nested = InboundHooks.enter(exchange("globex"));

        assertEquals("acme", TenantContext.current(), "a nested entry (the next filter) changes nothing");
        InboundHooks.exit(nested);
        assertEquals("acme", TenantContext.current());
        InboundHooks.exit(outer);

        assertNull(TenantContext.current());
        assertEquals(0, ThreadState.current().inboundDepth());
        assertEquals(List.of(), kinds());
    }

    @Test
    void aScopeLeftOpenIsReportedAndCleared() {
        ThreadState state = InboundHooks.enter(exchange(null));
        TenantContext.open("acme");
        InboundHooks.exit(state);

        assertNull(TenantContext.current());
        assertEquals(List.of("CONTEXT_LEAK"), kinds());
        // the test's own frames count as the agent's (same package prefix): the site is JUnit's
        String message = sink.writes().get(0).event().message();
        assertTrue(message.startsWith("tenant acme was still in context on thread " + Thread.currentThread().getName()
                + " after request GET /orders ended (opened at "), message);
    }

    @Test
    void switchingTenantInsideARequestIsRefusedInEnforceModeUnlessPrivileged() {
        ThreadState state = InboundHooks.enter(exchange("acme"));
        try {
            TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class, () -> TenantContext.open("globex"));
            assertEquals("code inside request GET /orders of tenant acme switched to tenant globex outside privileged",
                    v.getMessage());
            assertEquals("acme", TenantContext.current(), "the switch did not happen");
            try (TenantScope same = TenantContext.open("acme")) {
                assertEquals("acme", TenantContext.current());
            }
            TenantContext.privileged("support", () -> {
                try (TenantScope other = TenantContext.open("globex")) {
                    assertEquals("globex", TenantContext.current());
                }
            });
        } finally {
            InboundHooks.exit(state);
        }
        assertEquals(List.of("TENANT_SWITCH", "PRIVILEGED"), kinds());
    }

    @Test
    void anInvalidValueIsReportedAndNotUsed() {
        ThreadState state = InboundHooks.enter(exchange("../globex"));
        assertNull(TenantContext.current());
        InboundHooks.exit(state);

        assertEquals(List.of("INVALID_TENANT"), kinds());
        assertEquals("'../globex' was not used as the tenant of a request: tenant.from header X-Tenant-ID: it does"
                + " not match tenant.pattern " + Policy.DEFAULT_TENANT_PATTERN, sink.writes().get(0).event().message());
    }

    @Test
    void anAsyncTaskRunsWithTheTenantInAScopeOfItsOwn() throws Exception {
        ThreadState state = InboundHooks.enter(exchange("acme"));
        Runnable task = InboundHooks.asyncTask(new Object(), () -> assertEquals("acme", TenantContext.current()));
        InboundHooks.exit(state);
        assertEquals(RequestTask.class, task.getClass());

        String[] seen = new String[2];
        Thread worker = new Thread(() -> {
            task.run();
            seen[0] = "ran";
            seen[1] = TenantContext.current();
        });
        worker.start();
        worker.join();
        assertEquals("ran", seen[0]);
        assertNull(seen[1], "the pool thread is clean after the task");
    }

    private List<String> kinds() {
        return sink.writes().stream().map(w -> w.event().kind()).collect(Collectors.toList());
    }

    private static HttpExchange exchange(String tenantHeader) {
        Headers headers = new Headers();
        if (tenantHeader != null) {
            headers.add("X-Tenant-ID", tenantHeader);
        }
        return new HttpExchange() {
            @Override
            public Headers getRequestHeaders() {
                return headers;
            }

            @Override
            public Headers getResponseHeaders() {
                return new Headers();
            }

            @Override
            public URI getRequestURI() {
                return URI.create("/orders?x=1");
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
        };
    }
}
