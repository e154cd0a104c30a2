package com.example.clinic;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where each tenant's tables live when the clinic runs schema per tenant
 * ({@code --clinic.multitenancy=schema}): one PostgreSQL schema per tenant, named by a prefix and the
 * tenant ({@code jpa_clinic_acme}), for the tenants of {@code clinic.tenants}. Connections that belong to
 * no tenant sit in {@link #NEUTRAL}.
 */
@Component
class TenantSchemas {
    /** The schema of a connection in no tenant's hands: holds none of the clinic's tables. */
    static final String NEUTRAL = "public";
    /** A tenant becomes part of an identifier: only what is safe there. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9_]{1,40}");

    private final boolean perTenant;
    private final String prefix;
    private final List<String> tenants;

    TenantSchemas(@Value("${clinic.multitenancy:discriminator}") String multitenancy,
            @Value("${clinic.tenant-schema-prefix:jpa_clinic_}") String prefix,
            @Value("${clinic.tenants:acme,globex}") List<String> tenants) {
        this.perTenant = "schema".equals(multitenancy);
        this.prefix = prefix;
        this.tenants = List.copyOf(tenants);
    }

    boolean perTenant() {
        return perTenant;
    }

    List<String> all() {
        return tenants.stream().map(this::of).toList();
    }

    String of(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("not a tenant this clinic can name a schema after: '" + tenant + "'");
        }
        return prefix + tenant;
    }
}
