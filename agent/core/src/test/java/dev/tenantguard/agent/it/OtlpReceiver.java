package dev.tenantguard.agent.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP receiver inside the test, in place of a collector: it keeps the body of every export
 * request (protobuf) by signal path ({@code /v1/traces}, {@code /v1/logs}) and answers each with an
 * empty success response, as a collector does.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<byte[]>> requests = new ConcurrentHashMap<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>()).add(body);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The base the exporters are pointed at ({@code otel.exporter.otlp.endpoint}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The export requests received on {@code path}, each decoded from protobuf's wire format. */
    List<ProtobufMessage> received(String path) {
        List<ProtobufMessage> messages = new ArrayList<>();
        for (byte[] body : requests.getOrDefault(path, List.of())) {
            messages.add(ProtobufMessage.parse(body));
        }
        return messages;
    }

    /** The paths that received anything, for a failure's message. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("OTLP requests received:");
        requests.forEach((path, bodies) -> out.append(' ').append(path).append(" x").append(bodies.size()));
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
