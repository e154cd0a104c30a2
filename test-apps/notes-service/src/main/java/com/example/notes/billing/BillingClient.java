package com.example.notes.billing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The billing service's API: {@code <base>/v1/tenants/<tenant>/…}. */
public final class BillingClient {
    private static final Pattern NOTES_CREATED = Pattern.compile("\"notesCreated\":(\\d+)");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public BillingClient(URI base) {
        this.base = base;
    }

    /** Notes the tenant has created this month, as billing counts them. */
    public long notesCreated(String tenant) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(tenant, "usage").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = NOTES_CREATED.matcher(expectOk(response));
        if (!m.find()) {
            throw new IOException("billing answered without notesCreated: " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** Tells billing the tenant created a note. */
    public void noteCreated(String tenant) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request(tenant, "events").POST(HttpRequest.BodyPublishers.ofString("note.created")).build(),
                HttpResponse.BodyHandlers.ofString());
        expectOk(response);
    }

    private HttpRequest.Builder request(String tenant, String resource) {
        return HttpRequest.newBuilder(base.resolve("/v1/tenants/" + tenant + "/" + resource))
                .timeout(Duration.ofSeconds(5));
    }

    private static String expectOk(HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException("billing answered " + response.statusCode() + " to " + response.uri());
        }
        return response.body();
    }
}
