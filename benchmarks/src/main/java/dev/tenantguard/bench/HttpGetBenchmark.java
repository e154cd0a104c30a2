package dev.tenantguard.bench;

import com.sun.net.httpserver.HttpServer;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A GET of the tenant's own endpoint on a JDK HttpServer on loopback, through
 * {@code java.net.http.HttpClient} and {@code HttpURLConnection}: the rule check and, with the
 * agent, the tenant header and baggage added to each request (propagation is on by default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpGetBenchmark {
    private HttpServer server;
    private HttpClient client;
    private HttpRequest ownRequest;
    private URL ownUrl;
    private TenantScope scope;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // before the server class loads: without it each exchange stalls on Nagle + delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = BenchFixture.httpPort(BenchFixture.fromSystemProperty());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + port + "/v1/tenants/";
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ownRequest = HttpRequest.newBuilder(URI.create(base + BenchFixture.TENANT + "/orders")).GET().build();
        ownUrl = new URL(base + BenchFixture.TENANT + "/orders");
        scope = TenantContext.open(BenchFixture.TENANT);
        checkAgentState(HttpRequest.newBuilder(URI.create(base + "other/orders")).GET().build());
    }

    /** In the agent arm another tenant's endpoint must be refused; without it, it must answer. */
    private void checkAgentState(HttpRequest otherTenant) throws Exception {
        boolean agentExpected = Boolean.getBoolean(BenchFixture.AGENT_PROPERTY);
        boolean refused;
        try {
            client.send(otherTenant, HttpResponse.BodyHandlers.discarding());
            refused = false;
        } catch (SecurityException expectedWithAgent) {
            refused = true;
        }
        if (refused != agentExpected) {
            throw new IllegalStateException(agentExpected
                    ? "the agent did not refuse another tenant's endpoint: it is not enforcing in this fork"
                    : "another tenant's endpoint was refused in the arm without the agent");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scope.close();
        server.stop(0);
    }

    @Benchmark
    public int httpClientGet() throws Exception {
        return client.send(ownRequest, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    @Benchmark
    public int urlConnectionGet() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) ownUrl.openConnection();
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes().length;
        }
    }
}
