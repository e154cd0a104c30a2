package com.example.probe.inbound;

import com.sun.net.httpserver.HttpServer;
import dev.tenantguard.api.TenantContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The next service of a signed hop: a JDK HttpServer that answers each request with the tenant it
 * runs as, and prints {@code SEEN <path> <tenant>} for each. Prints {@code PORT <port>} when ready,
 * and stops when its standard input ends.
 */
public final class EchoTenantServer {
    private EchoTenantServer() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String tenant = TenantContext.current();
            exchange.getRequestBody().readAllBytes();
            synchronized (System.out) {
                System.out.println("SEEN " + exchange.getRequestURI().getPath() + " " + (tenant == null ? "none" : tenant));
                System.out.flush();
            }
            byte[] body = String.valueOf(tenant).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        server.stop(0);
    }
}
