package dev.tenantguard.agent.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real JDK HttpServer on 127.0.0.1 for the HTTP integration tests: it records, per path, how
 * many requests arrived and the tenant headers they carried, so a test can prove that a blocked
 * request never arrived.
 */
final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, String> tenantHeaders = new ConcurrentHashMap<>();
    private final Map<String, String> baggage = new ConcurrentHashMap<>();
    private final Map<String, String> signatures = new ConcurrentHashMap<>();
    private final Map<String, String> methods = new ConcurrentHashMap<>();
    private final String base;

    /** @param redirects path → where to redirect it (a path), or null to answer 200 */
    LoopbackServer(Function<String, String> redirects) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            received.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            List<String> tenant = exchange.getRequestHeaders().get("X-Tenant-ID");
            List<String> bag = exchange.getRequestHeaders().get("baggage");
            tenantHeaders.put(path, tenant == null ? "none" : String.valueOf(tenant));
            baggage.put(path, bag == null ? "none" : String.valueOf(bag));
            String signature = exchange.getRequestHeaders().getFirst("X-Tenant-ID-Signature");
            signatures.put(path, signature == null ? "none" : signature);
            methods.put(path, exchange.getRequestMethod());
            exchange.getRequestBody().readAllBytes();
            String location = redirects.apply(path);
            if (location != null) {
                exchange.getResponseHeaders().add("Location", base + location);
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    String base() {
        return base;
    }

    /** How many requests arrived for {@code path}. */
    int received(String path) {
        AtomicInteger count = received.get(path);
        return count == null ? 0 : count.get();
    }

    /** The X-Tenant-ID lines of the last request for {@code path}, "none" without any, null if none arrived. */
    String tenantHeader(String path) {
        return tenantHeaders.get(path);
    }

    /** The baggage lines of the last request for {@code path}, "none" without any, null if none arrived. */
    String baggage(String path) {
        return baggage.get(path);
    }

    /** The X-Tenant-ID-Signature of the last request for {@code path}, "none" without one, null if none arrived. */
    String signature(String path) {
        return signatures.get(path);
    }

    /** The method of the last request for {@code path}, null if none arrived. */
    String method(String path) {
        return methods.get(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
