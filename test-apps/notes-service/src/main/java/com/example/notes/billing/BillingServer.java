package com.example.notes.billing;

import com.example.notes.PortFile;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second service: a small billing service on 127.0.0.1 that counts the notes each tenant creates.
 * {@code POST /v1/tenants/<tenant>/events} counts one, {@code GET /v1/tenants/<tenant>/usage} answers
 * {@code {"tenant":"<tenant>","notesCreated":<n>}}. It keeps every request it received, so tests can
 * tell what reached it.
 *
 * <p>Run alone: {@code java -cp notes-service.jar com.example.notes.billing.BillingServer --port <n>
 * [--port-file <file>]}.
 */
public final class BillingServer implements AutoCloseable {
    private static final Pattern ROUTE = Pattern.compile("/v1/tenants/([^/]+)/(usage|events)");

    /** One request as billing received it; {@code tenantHeader} is the X-Tenant-ID header, or null. */
    public record Received(String method, String path, String tenantHeader) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> notesCreated = new ConcurrentHashMap<>();

    private BillingServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port). */
    public static BillingServer start(int port) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        BillingServer billing = new BillingServer(http);
        http.createContext("/", billing::handle);
        http.start();
        return billing;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request received so far, in order. */
    public List<Received> received() {
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
            answer(exchange, 404, "no such endpoint");
            return;
        }
        String tenant = m.group(1);
        AtomicLong count = notesCreated.computeIfAbsent(tenant, t -> new AtomicLong());
        if (m.group(2).equals("events") && method.equals("POST")) {
            count.incrementAndGet();
            answer(exchange, 200, "{}");
        } else if (m.group(2).equals("usage") && method.equals("GET")) {
            answer(exchange, 200, "{\"tenant\":\"" + tenant + "\",\"notesCreated\":" + count.get() + "}");
        } else {
            answer(exchange, 405, "method not allowed");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        Path portFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--port-file" -> portFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BillingServer billing = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(billing::close, "billing-shutdown"));
        System.out.println("billing listening on http://127.0.0.1:" + billing.port());
        if (portFile != null) {
            PortFile.write(portFile, billing.port());
        }
    }
}
