package com.example.clinic;

import dev.tenantguard.api.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The tenant of the request being handled, as tenant-guard put it in context from the
 * {@code X-Tenant-ID} header. It is also Hibernate's tenant ({@code @TenantId}): what Hibernate writes
 * into {@code tenant_id} on insert and filters every entity query by. A request without a tenant is
 * refused (401) before any controller runs.
 */
@Component
public class CurrentTenant implements CurrentTenantIdentifierResolver<String>, HibernatePropertiesCustomizer,
        HandlerInterceptor {
    /** Hibernate's tenant when none is in context (start-up): matches no row. */
    static final String NONE = "";

    static String id() {
        String tenant = TenantContext.current();
        if (tenant == null) {
            throw new IllegalStateException("no tenant in context: did the request carry X-Tenant-ID?");
        }
        return tenant;
    }

    @Override
    public String resolveCurrentTenantIdentifier() {
        String tenant = TenantContext.current();
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
        if (TenantContext.current() == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "missing or invalid X-Tenant-ID");
            return false;
        }
        return true;
    }
}
