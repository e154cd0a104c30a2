package com.example.orders;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second service the orders service calls: a small shipping service on 127.0.0.1.
 * {@code POST /v1/tenants/<tenant>/shipments} books one ({@code {"tenant":…,"tracking":…}}),
 * {@code GET /v1/tenants/<tenant>/shipments} lists the tenant's tracking numbers. It keeps every
 * request it received, so the test can tell what reached it and as which tenant.
 */
final class ShippingServer implements AutoCloseable {
    private static final Pattern ROUTE = Pattern.compile("/v1/tenants/([^/]+)/shipments");

    /** One request as shipping received it; {@code tenantHeader} is its X-Tenant-ID header, or null. */
    record Received(String method, String path, String tenantHeader) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> shipments = new ConcurrentHashMap<>();

    private ShippingServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free port of 127.0.0.1. */
    static ShippingServer start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        ShippingServer shipping = new ShippingServer(http);
        http.createContext("/", shipping::handle);
        http.start();
        return shipping;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(method, path, exchange.getRequestHeaders().getFirst("X-Tenant-ID")));
        Matcher m = ROUTE.matcher(path);
        if (!m.matches()) {
            answer(exchange, 404, "{\"error\":\"no such endpoint\"}");
            return;
        }
        String tenant = m.group(1);
        List<String> tracking = shipments.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>());
        if (method.equals("POST")) {
            String number = tenant.toUpperCase() + "-" + (tracking.size() + 1);
            tracking.add(number);
            answer(exchange, 200, "{\"tenant\":\"" + tenant + "\",\"tracking\":\"" + number + "\"}");
        } else if (method.equals("GET")) {
            answer(exchange, 200, "{\"tenant\":\"" + tenant + "\",\"tracking\":" + tracking.stream()
                    .map(t -> "\"" + t + "\"").toList() + "}");
        } else {
            answer(exchange, 405, "{\"error\":\"method not allowed\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
