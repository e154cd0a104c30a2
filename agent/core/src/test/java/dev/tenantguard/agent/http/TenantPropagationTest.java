package dev.tenantguard.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.TestThreads;
import dev.tenantguard.internal.ThreadState;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK {@code HttpClient}'s request with the tenant: the application's request is not copied —
 * the one the client is given reads everything but its headers from it — and a request without
 * headers of its own costs one small object per send (measured by the JVM's per-thread allocation
 * counter: a copy of the request is kilobytes).
 */
class TenantPropagationTest {
    private static final URI URI_ = URI.create("http://127.0.0.1:8080/v1/orders?x=1");
    private static final int ROUNDS = 20_000;

    private final TenantPropagation propagation = new TenantPropagation("X-Tenant-ID", Mode.ENFORCE,
            new BoundaryEnforcer(CollectingSink.reporter(new CollectingSink()), new CallerPatterns(List.of()),
                    NoTenantResponse.ENFORCE, 12), null);
    private final ThreadState thread = ThreadState.current();

    @AfterEach
    void leave() {
        thread.tenant(TestThreads.KEY, null);
    }

    @Test
    void aRequestWithoutHeadersIsSentWithTheTenantsAndNotCopied() {
        thread.tenant(TestThreads.KEY, "acme");
        HttpRequest request = HttpRequest.newBuilder(URI_).timeout(Duration.ofSeconds(3))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();
        HttpRequest sent = (HttpRequest) propagation.decorate(request, URI_, "POST", thread);
        assertNotSame(request, sent);
        assertEquals(List.of("acme"), sent.headers().allValues("x-tenant-id"));
        assertEquals(List.of("tenant=acme"), sent.headers().allValues("baggage"));
        assertEquals("POST", sent.method());
        assertSame(request.uri(), sent.uri());
        assertSame(request.bodyPublisher().get(), sent.bodyPublisher().get());
        assertEquals(request.timeout(), sent.timeout());
        assertTrue(request.headers().map().isEmpty(), "the application's request is unchanged");

        long bytes = allocatedBy(() -> propagation.decorate(request, URI_, "POST", thread));
        assertTrue(bytes <= 32L * ROUNDS, bytes / ROUNDS + " bytes per request (a copy of the request is kilobytes)");
    }

    @Test
    void theApplicationsHeadersAreKeptAndItsBaggageMerged() {
        thread.tenant(TestThreads.KEY, "acme");
        HttpRequest request = HttpRequest.newBuilder(URI_).header("Accept", "application/json")
                .header("Baggage", "user=7").GET().build();
        HttpRequest sent = (HttpRequest) propagation.decorate(request, URI_, "GET", thread);
        assertEquals(List.of("application/json"), sent.headers().allValues("accept"));
        assertEquals(List.of("user=7,tenant=acme"), sent.headers().allValues("baggage"));
        assertEquals(List.of("acme"), sent.headers().allValues("X-Tenant-ID"));
        assertEquals(List.of("user=7"), request.headers().allValues("baggage"), "the application's request is unchanged");
    }

    @Test
    void anotherTenantsHeaderIsACrossingAndARequestThatCarriesTheTenantIsSentAsIs() {
        thread.tenant(TestThreads.KEY, "acme");
        HttpRequest other = HttpRequest.newBuilder(URI_).header("X-Tenant-ID", "globex").GET().build();
        TenantBoundaryViolation crossing = assertThrows(TenantBoundaryViolation.class,
                () -> propagation.decorate(other, URI_, "GET", thread));
        assertEquals(ViolationKind.CROSS_TENANT, crossing.kind());
        HttpRequest carries = HttpRequest.newBuilder(URI_).header("X-Tenant-ID", "acme").header("baggage", "tenant=acme")
                .GET().build();
        assertSame(carries, propagation.decorate(carries, URI_, "GET", thread));
    }

    private long allocatedBy(Runnable round) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < ROUNDS; i++) {
            round.run(); // warm up: class loading and the tenant's header set made once
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
