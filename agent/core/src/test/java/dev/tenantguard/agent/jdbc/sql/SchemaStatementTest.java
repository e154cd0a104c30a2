package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.jdbc.sql.SchemaChange.Effect;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema statements on tenant tables are not row access: they are recognised (also vendor DDL the
 * parser cannot read) with the effect the caller judges them by, and are never reported as unscoped.
 */
class SchemaStatementTest {

    private static SqlAnalysis analyze(String sql) {
        return SqlTenantAnalyzerTest.analyze(sql);
    }

    static Stream<Arguments> schemaStatements() {
        return Stream.of(
                Arguments.of("CREATE TABLE orders (id BIGINT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, "
                        + "customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE ON UPDATE NO ACTION)",
                        SqlOperation.CREATE, Effect.BUILD),
                Arguments.of("CREATE TABLE IF NOT EXISTS orders (id BIGSERIAL, tenant_id TEXT)", SqlOperation.CREATE, Effect.BUILD),
                // PostgreSQL partitioning: JSqlParser cannot read these
                Arguments.of("CREATE TABLE orders (id BIGINT, tenant_id TEXT NOT NULL) PARTITION BY LIST (tenant_id)",
                        SqlOperation.CREATE, Effect.BUILD),
                Arguments.of("CREATE TABLE orders_acme PARTITION OF orders FOR VALUES IN ('acme')", SqlOperation.CREATE, Effect.BUILD),
                Arguments.of("CREATE TABLE orders_default PARTITION OF orders DEFAULT", SqlOperation.CREATE, Effect.BUILD),
                Arguments.of("CREATE INDEX orders_tenant ON orders (tenant_id, created_at) WHERE status = 'OPEN'",
                        SqlOperation.CREATE, Effect.BUILD),
                Arguments.of("CREATE UNIQUE INDEX CONCURRENTLY orders_key ON orders USING btree (tenant_id, id)",
                        SqlOperation.CREATE, Effect.BUILD),
                Arguments.of("ALTER TABLE orders ADD COLUMN note TEXT", SqlOperation.ALTER, Effect.BUILD),
                Arguments.of("ALTER TABLE orders ADD CONSTRAINT orders_fk FOREIGN KEY (tenant_id, customer_id) "
                        + "REFERENCES customers (tenant_id, id) ON DELETE RESTRICT", SqlOperation.ALTER, Effect.BUILD),
                Arguments.of("ALTER TABLE orders DROP CONSTRAINT orders_fk", SqlOperation.ALTER, Effect.BUILD),
                Arguments.of("ALTER TABLE orders ATTACH PARTITION orders_acme FOR VALUES IN ('acme')", SqlOperation.ALTER, Effect.BUILD),
                Arguments.of("COMMENT ON TABLE orders IS 'one row per order'", SqlOperation.ALTER, Effect.BUILD),
                Arguments.of("GRANT SELECT, INSERT ON orders TO app", SqlOperation.GRANT, Effect.BUILD),
                // every tenant's rows at once
                Arguments.of("DROP TABLE orders", SqlOperation.DROP, Effect.DESTRUCTIVE),
                Arguments.of("DROP TABLE IF EXISTS \"public\".\"invoices\" CASCADE", SqlOperation.DROP, Effect.DESTRUCTIVE),
                Arguments.of("TRUNCATE TABLE orders", SqlOperation.TRUNCATE, Effect.DESTRUCTIVE),
                Arguments.of("truncate orders, invoices restart identity", SqlOperation.TRUNCATE, Effect.DESTRUCTIVE),
                Arguments.of("ALTER TABLE orders DROP COLUMN IF EXISTS tenant_id", SqlOperation.ALTER, Effect.DESTRUCTIVE),
                Arguments.of("ALTER TABLE orders RENAME COLUMN tenant_id TO owner", SqlOperation.ALTER, Effect.DESTRUCTIVE),
                // code the analyzer cannot read
                Arguments.of("DO $$ BEGIN EXECUTE format('CREATE TABLE %I PARTITION OF orders FOR VALUES IN (%L)', "
                        + "'orders_' || 'acme', 'acme'); END $$", SqlOperation.DO, Effect.PROCEDURAL),
                Arguments.of("DO $$ BEGIN DELETE FROM orders; END $$", SqlOperation.DO, Effect.PROCEDURAL),
                Arguments.of("CREATE OR REPLACE FUNCTION purge() RETURNS void AS $$ DELETE FROM orders $$ LANGUAGE sql",
                        SqlOperation.CREATE, Effect.PROCEDURAL),
                Arguments.of("CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
                        SqlOperation.CREATE, Effect.PROCEDURAL));
    }

    @ParameterizedTest
    @MethodSource("schemaStatements")
    void recognisedWithTheirEffectAndNotAsRowAccess(String sql, SqlOperation operation, Effect effect) {
        SqlAnalysis analysis = analyze(sql);
        assertEquals(operation, analysis.operation(), analysis::toString);
        assertEquals(1, analysis.schemaChanges().size(), analysis::toString);
        SchemaChange change = analysis.schemaChanges().get(0);
        assertEquals(effect, change.effect(), analysis::toString);
        assertEquals(operation, change.operation(), analysis::toString);
        assertTrue(List.of("orders", "invoices").contains(change.table()), analysis::toString);
        assertTrue(analysis.problems().isEmpty(), analysis::toString);
        assertFalse(analysis.touchesTenantTables(), analysis::toString);
    }

    /** A schema statement that contains a query is analyzed as that query: it reads or copies rows. */
    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE orders_copy AS SELECT * FROM orders",
            "CREATE VIEW all_orders AS SELECT * FROM orders",
            "CREATE MATERIALIZED VIEW totals AS SELECT tenant_id, count(*) FROM orders GROUP BY tenant_id"})
    void aStatementWithAQueryIsAnalyzedAsTheQuery(String sql) {
        SqlAnalysis analysis = analyze(sql);
        assertTrue(analysis.schemaChanges().isEmpty(), analysis::toString);
        assertFalse(analysis.verified(), analysis::toString);
        assertTrue(analysis.problems().stream().anyMatch(p -> p.resource().equals("orders")), analysis::toString);
    }

    /** Schema statements on tables that are not tenant tables concern no tenant: nothing to judge or audit. */
    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE customers (id BIGINT)", "DROP TABLE customers", "TRUNCATE customers",
            "CREATE INDEX orders_by_tenant_name ON customers (name)"})
    void otherTablesAreNotJudged(String sql) {
        SqlAnalysis analysis = analyze(sql);
        assertTrue(analysis.schemaChanges().isEmpty(), analysis::toString);
        assertTrue(analysis.verified(), analysis::toString);
    }
}
