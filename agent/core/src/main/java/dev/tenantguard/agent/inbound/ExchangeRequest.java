package dev.tenantguard.agent.inbound;

import com.sun.net.httpserver.HttpExchange;

/** An exchange of the JDK's {@code com.sun.net.httpserver}. */
final class ExchangeRequest implements InboundRequest {
    private final HttpExchange exchange;

    ExchangeRequest(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public String host() {
        return header("Host");
    }

    @Override
    public String rawPath() {
        String path = exchange.getRequestURI().getRawPath();
        return path == null ? "" : path;
    }

    @Override
    public String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public String method() {
        return exchange.getRequestMethod();
    }

    /**
     * Always derived afresh: an exchange has no later dispatch, and its attributes are those of its
     * {@code HttpContext} on Java 17 (shared by every exchange of the context).
     */
    @Override
    public String derivedTenant() {
        return null;
    }

    @Override
    public void rememberTenant(String tenant) {
    }
}
