package com.example.probe.inbound;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HttpServer with one worker thread, an application filter and a handler doing
 * {@link RequestWork}; the steps given as arguments are sent to it one after the other.
 */
public final class JdkServerApp {
    private JdkServerApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "jdk-worker"));
        server.setExecutor(worker);
        server.createContext("/", JdkServerApp::handle).getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                String mdc = exchange.getRequestHeaders().getFirst("X-Mdc-Tenant");
                String seen = RequestWork.filter(mdc);
                // the exchange's attributes are a concurrent map on Java 17: no null values
                exchange.setAttribute("filterTenant", seen == null ? "none" : seen);
                try {
                    chain.doFilter(exchange);
                } finally {
                    RequestWork.filterDone(mdc);
                }
            }

            @Override
            public String description() {
                return "the application's filter";
            }
        });
        server.start();
        try {
            RawHttpClient.run(server.getAddress().getPort(), args);
        } finally {
            server.stop(0);
            worker.shutdownNow();
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body;
        try {
            body = RequestWork.handle(exchange.getRequestHeaders().getFirst("X-Do"),
                    (String) exchange.getAttribute("filterTenant"));
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            throw e;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
