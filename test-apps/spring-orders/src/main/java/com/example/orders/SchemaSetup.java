package com.example.orders;

import dev.tenantguard.api.TenantContext;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the service's table at start and empties it, so every run starts from a clean slate. It
 * works on every tenant's rows at once, so it runs in a privileged scope: audited by the agent, not
 * a violation. The {@code sb_} prefix keeps it apart from other users of the same database.
 */
@Component
class SchemaSetup implements ApplicationRunner {
    static final String REASON = "schema set-up at start";

    private final JdbcTemplate jdbc;

    SchemaSetup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        TenantContext.privileged(REASON, () -> {
            jdbc.execute("CREATE TABLE IF NOT EXISTS sb_orders ("
                    + "id BIGSERIAL PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, customer VARCHAR(200) NOT NULL,"
                    + " item VARCHAR(200) NOT NULL, amount_cents BIGINT NOT NULL, status VARCHAR(20) NOT NULL)");
            jdbc.execute("DELETE FROM sb_orders");
        });
    }
}
