package com.example.clinic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calls the clinic service as a tenant would, through the gateway that sets {@code X-Tenant-ID}. */
final class ClinicClient {
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    /** One answer: status and body. */
    record Answer(int status, String body) {
        long id() {
            Matcher m = ID.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no id in " + this);
            }
            return Long.parseLong(m.group(1));
        }

        /** The id of the pet called {@code name} in an owner's answer. */
        long petId(String name) {
            Matcher m = Pattern.compile("\\{\"id\":(\\d+),\"name\":\"" + Pattern.quote(name) + "\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no pet " + name + " in " + this);
            }
            return Long.parseLong(m.group(1));
        }

        @Override
        public String toString() {
            return status + " " + body.strip();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ClinicClient(URI base) {
        this.base = base;
    }

    Answer get(String tenant, String path) throws IOException, InterruptedException {
        return send(tenant, HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String tenant, String path) throws IOException, InterruptedException {
        return send(tenant, HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer put(String tenant, String path) throws IOException, InterruptedException {
        return send(tenant, HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String tenant, String path) throws IOException, InterruptedException {
        return send(tenant, HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    Answer postJson(String tenant, String path, String json) throws IOException, InterruptedException {
        return send(tenant, HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(String tenant, HttpRequest.Builder request) throws IOException, InterruptedException {
        if (tenant != null) {
            request.header("X-Tenant-ID", tenant);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
