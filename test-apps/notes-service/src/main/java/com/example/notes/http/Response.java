package com.example.notes.http;

import java.nio.charset.StandardCharsets;

/** What a handler answers: a status and a body, JSON unless said otherwise. */
public record Response(int status, String contentType, byte[] body) {

    public static Response json(int status, String json) {
        return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static Response ok(String json) {
        return json(200, json);
    }

    public static Response bytes(byte[] content) {
        return new Response(200, "application/octet-stream", content);
    }

    public static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response noContent() {
        return new Response(204, "text/plain", new byte[0]);
    }
}
