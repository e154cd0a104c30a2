package com.example.notes.http;

/** A client error a handler answers with: its status and one line of text. */
public final class HttpError extends RuntimeException {
    private final int status;

    private HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public int status() {
        return status;
    }
}
