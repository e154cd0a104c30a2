package com.example.clinic;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.stereotype.Component;

/**
 * Hibernate's schema-per-tenant multi-tenancy ({@code --clinic.multitenancy=schema}): each session of a
 * tenant gets a pooled connection switched to that tenant's schema ({@link Connection#setSchema}, which
 * the PostgreSQL driver runs as {@code SET SESSION search_path}); on release it is switched back to
 * {@link TenantSchemas#NEUTRAL} before the pool hands it to the next tenant. {@code @TenantId} stays on the
 * entities: within its schema each row still carries its tenant.
 */
@Component
@ConditionalOnProperty(name = "clinic.multitenancy", havingValue = "schema")
class SchemaPerTenantConnections implements MultiTenantConnectionProvider<String>, HibernatePropertiesCustomizer {
    private final transient DataSource pool;
    private final transient TenantSchemas schemas;

    SchemaPerTenantConnections(DataSource pool, TenantSchemas schemas) {
        this.pool = pool;
        this.schemas = schemas;
    }

    @Override
    public void customize(Map<String, Object> hibernateProperties) {
        hibernateProperties.put(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER, this);
        // the tables are in the tenants' schemas (Flyway's), none in the schema Hibernate would validate
        hibernateProperties.put(AvailableSettings.HBM2DDL_AUTO, "none");
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection(String tenant) throws SQLException {
        Connection connection = pool.getConnection();
        if (!CurrentTenant.NONE.equals(tenant)) {
            try {
                connection.setSchema(schemas.of(tenant));
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Override
    public void releaseConnection(String tenant, Connection connection) throws SQLException {
        try {
            connection.setSchema(TenantSchemas.NEUTRAL);
        } finally {
            connection.close();
        }
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException("nothing to unwrap: " + type);
    }
}
