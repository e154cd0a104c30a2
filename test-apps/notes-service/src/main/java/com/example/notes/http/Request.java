package com.example.notes.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request as a handler sees it: the path parameters its route captured (decoded), the query
 * parameters, the body and the tenant the {@link TenantFilter} put in context.
 */
public record Request(String method, Map<String, String> pathParams, Map<String, String> query, byte[] body,
        String tenant) {

    public String path(String name) {
        return pathParams.get(name);
    }

    public long pathLong(String name) {
        try {
            return Long.parseLong(pathParams.get(name));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be a number");
        }
    }

    /** A query parameter, or {@code null} when absent. */
    public String query(String name) {
        return query.get(name);
    }

    /** A parameter of a form-encoded body ({@code title=…&body=…}), or {@code null}. */
    public String form(String name) {
        return FormCodec.decode(new String(body, StandardCharsets.UTF_8)).get(name);
    }

    /** A required parameter of a form-encoded body. */
    public String requiredForm(String name) {
        String value = form(name);
        if (value == null || value.isBlank()) {
            throw HttpError.badRequest("missing " + name);
        }
        return value;
    }
}
