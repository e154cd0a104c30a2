package com.example.orders;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's tenant in context for the whole request, through tenant-guard-api: every
 * query, file and outbound call made while handling it runs as that tenant.
 *
 * <p>The tenant comes from the {@code X-Tenant-ID} header, which the gateway in front of the service
 * sets from the caller's credentials; a request without a valid one is refused with 401. The
 * actuator's endpoints ({@code /actuator/**}: health, Prometheus) serve the platform, not a tenant.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TenantFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Tenant-ID";
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenant = request.getHeader(HEADER);
        if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "missing or invalid " + HEADER);
            return;
        }
        try (TenantScope ignored = TenantContext.open(tenant)) {
            chain.doFilter(request, response);
        }
    }
}
