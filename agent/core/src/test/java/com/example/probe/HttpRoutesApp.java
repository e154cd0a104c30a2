package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in service for the HTTP integration tests: sends the requests given as arguments and
 * prints what happened to each.
 *
 * <p>A step is {@code client|tenant|method|url[|headers]}: client {@code send} or {@code async}
 * ({@code java.net.http.HttpClient}), {@code urlconnection}, or a library of {@link LibraryClients}
 * ({@code apache5}, {@code apache5async}, {@code apache4}, {@code okhttp}, {@code okhttpasync}); tenant {@code -} for none; headers
 * the application sets itself, {@code Name=Value;Name2=Value2} (a value may hold '=', not ';'). Output:
 * {@code STEP i OK status}, {@code STEP i BLOCKED kind message} or {@code STEP i FAILED exception}.
 */
public final class HttpRoutesApp {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the JDK test server cannot upgrade to HTTP/2
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private HttpRoutesApp() {
    }

    public static void main(String[] args) throws java.io.IOException {
        for (int i = 0; i < args.length; i++) {
            System.out.println("STEP " + i + " " + run(args[i].split("\\|", -1)));
        }
        if (librariesUsed) {
            LibraryClients.close();
        }
    }

    /** Whether a library client ran: only then are the libraries on the class path and their threads to stop. */
    private static boolean librariesUsed;

    private static String run(String[] step) {
        String client = step[0];
        String tenant = step[1];
        String method = step[2];
        String url = step[3];
        Map<String, String> headers = new LinkedHashMap<>();
        if (step.length > 4 && !step[4].isEmpty()) {
            for (String header : step[4].split(";")) {
                int eq = header.indexOf('=');
                headers.put(header.substring(0, eq), header.substring(eq + 1));
            }
        }
        try {
            int status = tenant.equals("-") ? send(client, method, url, headers)
                    : TenantContext.call(tenant, () -> send(client, method, url, headers));
            return "OK " + status;
        } catch (Exception e) {
            // HttpURLConnection.getResponseCode wraps what connecting threw in a RuntimeException
            // OkHttp's enqueue reports what an interceptor threw as IOException("canceled due to ..."),
            // the original attached as suppressed
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TenantBoundaryViolation) {
                    return "BLOCKED " + ((TenantBoundaryViolation) t).kind() + " " + t.getMessage();
                }
                for (Throwable suppressed : t.getSuppressed()) {
                    if (suppressed instanceof TenantBoundaryViolation) {
                        return "BLOCKED " + ((TenantBoundaryViolation) suppressed).kind() + " " + suppressed.getMessage();
                    }
                }
            }
            return "FAILED " + e;
        }
    }

    private static int send(String client, String method, String url, Map<String, String> headers) throws Exception {
        switch (client) {
            case "send":
                return CLIENT.send(request(method, url, headers), HttpResponse.BodyHandlers.discarding()).statusCode();
            case "async":
                return CLIENT.sendAsync(request(method, url, headers), HttpResponse.BodyHandlers.discarding())
                        .get(10, TimeUnit.SECONDS).statusCode();
            case "urlconnection":
                HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
                connection.setRequestMethod(method);
                headers.forEach(connection::setRequestProperty);
                if (method.equals("POST")) {
                    connection.setDoOutput(true);
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write("body".getBytes(StandardCharsets.UTF_8));
                    }
                }
                int status = connection.getResponseCode();
                try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                return status;
            default:
                librariesUsed = true;
                int libraryStatus = LibraryClients.send(client, method, url, headers);
                if (libraryStatus < 0) {
                    throw new IllegalArgumentException("unknown client " + client);
                }
                return libraryStatus;
        }
    }

    private static HttpRequest request(String method, String url, Map<String, String> headers) {
        HttpRequest.BodyPublisher body = method.equals("POST")
                ? HttpRequest.BodyPublishers.ofString("body") : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).method(method, body)
                .timeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        return builder.build();
    }
}
