package com.example.notes.db;

import dev.tenantguard.api.TenantContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The service's embedded H2 database (in memory, for the life of the process). Shared tables carry
 * the owning tenant in {@code tenant_id}.
 */
public final class Database {
    private final String url;

    private Database(String url) {
        this.url = url;
    }

    /**
     * A fresh, empty database with the service's schema. The schema is created before any request,
     * for no tenant and for all of them: a migration, so it runs in an audited privileged scope.
     */
    public static Database createInMemory() throws Exception {
        Database db = new Database("jdbc:h2:mem:notes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TenantContext.privileged("schema migration at start-up", () -> {
            db.createSchema();
            return null;
        });
        return db;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    private void createSchema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL,"
                    + " title VARCHAR(200) NOT NULL, body VARCHAR(10000) NOT NULL)");
            s.execute("CREATE INDEX notes_by_tenant ON notes (tenant_id)");
            s.execute("CREATE TABLE attachments (tenant_id VARCHAR(64) NOT NULL, note_id BIGINT NOT NULL,"
                    + " name VARCHAR(200) NOT NULL, size BIGINT NOT NULL, PRIMARY KEY (tenant_id, note_id, name))");
        }
    }
}
