package com.example.notes.scenario;

import com.example.notes.http.FormCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Calls the notes service over HTTP as one tenant or another (the tenant goes in {@code X-Tenant-ID}). */
public final class NotesClient {

    /** An answer: status and body text. */
    public record Reply(int status, String body) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public NotesClient(URI base) {
        this.base = base;
    }

    public Reply get(String tenant, String path) throws IOException, InterruptedException {
        return send(tenant, "GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public Reply delete(String tenant, String path) throws IOException, InterruptedException {
        return send(tenant, "DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    /** A request with a form-encoded body. */
    public Reply form(String tenant, String method, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        return send(tenant, method, path, HttpRequest.BodyPublishers.ofString(FormCodec.encode(form)),
                "application/x-www-form-urlencoded");
    }

    /** A request with a raw text body (an attachment upload). */
    public Reply upload(String tenant, String path, String content) throws IOException, InterruptedException {
        return send(tenant, "POST", path, HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8),
                "application/octet-stream");
    }

    private Reply send(String tenant, String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body);
        if (tenant != null) {
            request.header("X-Tenant-ID", tenant);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
