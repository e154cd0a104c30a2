package dev.tenantguard.bench.startup;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A stand-in service for {@link StartupRunnerTest}: serves on the port it is given until killed. */
public final class LoopbackServerApp {
    private LoopbackServerApp() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on " + args[0]);
    }
}
