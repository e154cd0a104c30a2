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
 * A GET on a JDK HttpServer on loopback, through {@code java.net.http.HttpClient} and
 * {@code HttpURLConnection}: the tenant's own endpoint (allow path: the rule check and the tenant
 * header and baggage added to each request), or in the report arm another tenant's (deny path).
 * The server notes the W3C {@code traceparent} it receives: proof that the OpenTelemetry arm
 * traces the requests.
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.TG_REPORT, BenchArm.OTEL})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpGetBenchmark {
    private HttpServer server;
    private volatile String lastTraceparent;
    private HttpClient client;
    private HttpRequest request;
    private URL url;
    private TenantScope scope;
    private AutoCloseable parentSpan;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // before the server class loads: without it each exchange stalls on Nagle + delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = BenchFixture.httpPort(BenchFixture.fromSystemProperty());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            lastTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + port + "/v1/tenants/";
        // HTTP/1.1: the JDK server cannot do the HTTP/2 upgrade the client tries by default
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String target = base + (ArmCheck.denyPath() ? "other" : BenchFixture.TENANT) + "/orders";
        request = HttpRequest.newBuilder(URI.create(target)).GET().build();
        url = new URL(target);
        scope = TenantContext.open(BenchFixture.TENANT);
        URI other = URI.create(base + "other/orders");
        ArmCheck.crossing("a GET with HttpClient", "/v1/tenants/other/", false,
                () -> client.send(HttpRequest.newBuilder(other).GET().build(), HttpResponse.BodyHandlers.discarding()));
        ArmCheck.crossing("a GET with HttpURLConnection", "/v1/tenants/other/", false,
                () -> get(other.toURL()));
        parentSpan = OtelProbe.parentSpanIfTraced();
        String parent = OtelProbe.currentSpanId();
        httpClientGet();
        OtelProbe.checkTraced("a GET with HttpClient", spanIdSent(), parent);
        urlConnectionGet();
        OtelProbe.checkTraced("a GET with HttpURLConnection", spanIdSent(), parent);
    }

    /** The parent-id field of the last traceparent the server received, all zeros for none. */
    private String spanIdSent() {
        String traceparent = lastTraceparent;
        lastTraceparent = null;
        // version-traceid-parentid-flags: 2 + 1 + 32 + 1 + 16
        return traceparent == null || traceparent.length() < 52 ? "0000000000000000" : traceparent.substring(36, 52);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        parentSpan.close();
        if (scope != null) {
            scope.close();
        }
        server.stop(0);
    }

    /**
     * The tenant is entered for each iteration, inside the task JMH runs it in: with the agent's
     * context propagation, a scope still open when a pool task ends is a context leak and the worker
     * is put back clean, so a scope held from the trial's set-up would be gone from the second
     * iteration on. The trial's set-up keeps its scope for the first iteration.
     */
    @Setup(Level.Iteration)
    public void enterTenant() {
        if (scope == null) {
            scope = TenantContext.open(BenchFixture.TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        scope.close();
        scope = null;
    }

    @Benchmark
    public int httpClientGet() throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    @Benchmark
    public int urlConnectionGet() throws IOException {
        return get(url);
    }

    private static int get(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes().length;
        }
    }
}
