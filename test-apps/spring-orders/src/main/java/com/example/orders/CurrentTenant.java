package com.example.orders;

import dev.tenantguard.api.TenantContext;

/** The tenant of the request being handled, as {@link TenantFilter} opened it. */
final class CurrentTenant {
    private CurrentTenant() {
    }

    static String id() {
        String tenant = TenantContext.current();
        if (tenant == null) {
            throw new IllegalStateException("no tenant in context: is the request passing through TenantFilter?");
        }
        return tenant;
    }
}
