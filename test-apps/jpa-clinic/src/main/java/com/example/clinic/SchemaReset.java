package com.example.clinic;

import dev.tenantguard.api.TenantContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs Flyway's migrations at start, as Boot does, with no tenant in context. With
 * {@code --clinic.reset-schema=true} (the test's runs) it first drops everything in the service's own
 * schema ({@code jpa_clinic}), every tenant's rows with it: that is an administrative act, done in a
 * privileged scope, audited by tenant-guard. The migrations themselves are not.
 */
@Component
class SchemaReset implements FlywayMigrationStrategy {
    static final String REASON = "reset the clinic schema at start";

    private final boolean reset;

    SchemaReset(@Value("${clinic.reset-schema:false}") boolean reset) {
        this.reset = reset;
    }

    @Override
    public void migrate(org.flywaydb.core.Flyway flyway) {
        if (reset) {
            TenantContext.privileged(REASON, () -> {
                flyway.clean();
            });
        }
        flyway.migrate();
    }
}
