package com.example.clinic;

import dev.tenantguard.api.TenantContext;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs Flyway's migrations at start, as Boot does, with no tenant in context. With
 * {@code --clinic.reset-schema=true} (the test's runs) it first drops everything in the service's own
 * schema ({@code jpa_clinic}), every tenant's rows with it: that is an administrative act, done in a
 * privileged scope, audited by tenant-guard. The migrations themselves are not.
 *
 * <p>Schema per tenant ({@link TenantSchemas#perTenant()}): the same migrations run in each tenant's
 * schema, one after the other, in a privileged scope — Flyway switches its connection's
 * {@code search_path} to each tenant's schema in turn, with no tenant in context, which is exactly what a
 * request must not do.
 */
@Component
class SchemaReset implements FlywayMigrationStrategy {
    static final String REASON = "reset the clinic schema at start";
    static final String TENANTS_REASON = "migrate every tenant's schema at start";

    private final boolean reset;
    private final TenantSchemas schemas;

    SchemaReset(@Value("${clinic.reset-schema:false}") boolean reset, TenantSchemas schemas) {
        this.reset = reset;
        this.schemas = schemas;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (schemas.perTenant()) {
            TenantContext.privileged(TENANTS_REASON, () -> schemas.all().forEach(schema -> migrateOne(
                    Flyway.configure().configuration(flyway.getConfiguration()).schemas(schema).defaultSchema(schema).load())));
            return;
        }
        migrateOne(flyway);
    }

    private void migrateOne(Flyway flyway) {
        if (reset) {
            TenantContext.privileged(REASON, () -> {
                flyway.clean();
            });
        }
        flyway.migrate();
    }
}
