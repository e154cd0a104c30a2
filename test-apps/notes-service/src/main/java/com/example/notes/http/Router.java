package com.example.notes.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tenantguard.api.TenantContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches requests to handlers by method and path template ({@code /notes/{id}/attachments/{name}}).
 * Path segments are decoded one by one after splitting, so {@code %2F} inside a segment stays part of
 * the parameter. Errors become answers: {@link HttpError} its status, a {@link SecurityException}
 * (a refused access) 403 with its message, anything else 500.
 */
public final class Router implements HttpHandler {

    /** A request handler. */
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    private record Route(String method, String[] template, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = dispatch(exchange);
        } catch (HttpError e) {
            response = Response.text(e.status(), e.getMessage());
        } catch (Exception e) {
            SecurityException refused = refusal(e);
            if (refused != null) {
                response = Response.text(403, refused.getMessage());
            } else {
                System.err.println("notes-service: " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " failed");
                e.printStackTrace();
                response = Response.text(500, "internal error");
            }
        }
        send(exchange, response);
    }

    private Response dispatch(HttpExchange exchange) throws Exception {
        String method = exchange.getRequestMethod();
        String[] path = segments(exchange.getRequestURI().getRawPath());
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.template(), path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, String> query = FormCodec.decode(exchange.getRequestURI().getRawQuery());
                return route.handler().handle(new Request(method, params, query, body, TenantContext.current()));
            }
        }
        return pathKnown ? Response.text(405, "method not allowed") : Response.text(404, "no such endpoint");
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            String value = URLDecoder.decode(path[i], StandardCharsets.UTF_8);
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(value)) {
                return null;
            }
        }
        return params;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static SecurityException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SecurityException s) {
                return s;
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
