package com.example.clinic;

import dev.tenantguard.api.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The tenant of the request being handled, as tenant-guard put it in context from the
 * {@code X-Tenant-ID} header. It is also Hibernate's tenant ({@code @TenantId}): what Hibernate writes
 * into {@code tenant_id} on insert and filters every entity query by. A request without a tenant is
 * refused (401) before any controller runs.
 *
 * <p>With {@code clinic.tenant-from=interceptor} the service reads {@code X-Tenant-ID} itself, in this
 * interceptor, into a thread-local of its own, as services do that know nothing of tenant-guard: the
 * agent then learns the tenant only from this resolver ({@code tenant.from: [hibernate]}).
 */
@Component
public class CurrentTenant implements CurrentTenantIdentifierResolver<String>, HibernatePropertiesCustomizer,
        HandlerInterceptor {
    /** Hibernate's tenant when none is in context (start-up): matches no row. */
    static final String NONE = "";
    private static final ThreadLocal<String> OWN = new ThreadLocal<>();
    /** Whether the tenant is the service's own (set by {@link #preHandle}) rather than the agent's. */
    private static volatile boolean fromInterceptor;

    CurrentTenant(@Value("${clinic.tenant-from:agent}") String tenantFrom) {
        fromInterceptor = "interceptor".equals(tenantFrom);
    }

    private static String current() {
        return fromInterceptor ? OWN.get() : TenantContext.current();
    }

    static String id() {
        String tenant = current();
        if (tenant == null) {
            throw new IllegalStateException("no tenant in context: did the request carry X-Tenant-ID?");
        }
        return tenant;
    }

    @Override
    public String resolveCurrentTenantIdentifier() {
        String tenant = current();
        return tenant == null ? NONE : tenant;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }

    @Override
    public void customize(Map<String, Object> hibernateProperties) {
        hibernateProperties.put(AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER, this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (fromInterceptor) {
            String header = request.getHeader("X-Tenant-ID");
            if (header != null && !header.isBlank()) {
                OWN.set(header.strip());
            }
        }
        if (current() == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "missing or invalid X-Tenant-ID");
            return false;
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        OWN.remove();
    }
}
