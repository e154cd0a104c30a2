package dev.tenantguard.agent.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * An application's {@code HttpRequest} as the client sends it with the tenant headers: everything
 * read from the application's request, but its headers. The client copies what it needs from the
 * request it is given when it starts the exchange, so one small object carries the tenant instead
 * of a copy of the request (its builder, its headers, its body publisher).
 */
final class TenantHeadersRequest extends java.net.http.HttpRequest {
    private final java.net.http.HttpRequest request;
    private final HttpHeaders headers;

    TenantHeadersRequest(java.net.http.HttpRequest request, HttpHeaders headers) {
        this.request = request;
        this.headers = headers;
    }

    @Override
    public Optional<BodyPublisher> bodyPublisher() {
        return request.bodyPublisher();
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public Optional<Duration> timeout() {
        return request.timeout();
    }

    @Override
    public boolean expectContinue() {
        return request.expectContinue();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public Optional<HttpClient.Version> version() {
        return request.version();
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }
}
