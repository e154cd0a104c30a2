package dev.tenantguard.bench.startup;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A stand-in service for {@link StartupRunnerTest}: serves on the port it is given until killed;
 * with a header name as second argument, answers 401 to a request without that header, as a
 * service behind a tenant filter does.
 */
public final class LoopbackServerApp {
    private LoopbackServerApp() {
    }

    public static void main(String[] args) throws IOException {
        String requiredHeader = args.length > 1 ? args[1] : null;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            boolean allowed = requiredHeader == null || exchange.getRequestHeaders().containsKey(requiredHeader);
            exchange.sendResponseHeaders(allowed ? 204 : 401, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on " + args[0]);
    }
}
