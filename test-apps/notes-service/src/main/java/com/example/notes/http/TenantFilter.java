package com.example.notes.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Puts the request's tenant in context for the whole exchange, through tenant-guard-api: every
 * repository, file and outbound call made while handling it runs as that tenant.
 *
 * <p>The tenant comes from the {@code X-Tenant-ID} header, which the gateway in front of the service
 * sets from the caller's credentials; a request without a valid one is refused with 401.
 */
public final class TenantFilter extends Filter {
    public static final String HEADER = "X-Tenant-ID";
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String tenant = exchange.getRequestHeaders().getFirst(HEADER);
        if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
            byte[] body = ("missing or invalid " + HEADER).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        try (TenantScope ignored = TenantContext.open(tenant)) {
            chain.doFilter(exchange);
        }
    }

    @Override
    public String description() {
        return "opens the tenant context of the request";
    }
}
