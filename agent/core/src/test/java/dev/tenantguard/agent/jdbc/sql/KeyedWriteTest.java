package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Which UPDATE and DELETE statements the owner of the row they pin may decide: only those whose one
 * problem is their unrestricted target, with the pins as top-level conjuncts of the WHERE.
 */
class KeyedWriteTest {
    private static final SqlTenantAnalyzer ANALYZER = new SqlTenantAnalyzer("tenant_id", List.of("orders", "invoices"),
            List.of(), null);

    @Test
    void hibernatesVersionCheckedUpdatePinsTheIdAndVersionAndCapturesBothBinds() {
        SqlAnalysis analysis = ANALYZER.analyze("update orders set item=?,version=? where id=? and version=?");
        KeyedWrite write = analysis.keyedWrite();
        assertNotNull(write, analysis.toString());
        assertEquals("orders", write.table());
        assertEquals(new KeyedWrite.Pin("id", "id", 3, null), write.pin("id"));
        assertEquals(new KeyedWrite.Pin("version", "version", 4, null), write.pin("version"));
        assertTrue(analysis.isTenantBound(3) && analysis.isTenantBound(4));
        assertFalse(analysis.isTenantBound(1) || analysis.isTenantBound(2));
        assertEquals(1, analysis.problems().size(), "still unscoped by its SQL: the owner decides at execute time");
    }

    @Test
    void aLiteralKeyAnAliasAndAQualifiedTableAreKept() {
        KeyedWrite write = ANALYZER.analyze("DELETE FROM app.orders o WHERE o.id = 7 AND (o.version = ?)").keyedWrite();
        assertNotNull(write);
        assertEquals("app.orders", write.tableSql());
        assertEquals("7", write.pin("id").literal());
        assertEquals(1, write.pin("version").index());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE orders SET item = ? WHERE tenant_id = ? AND id = ?", // scoped: nothing to decide
            "UPDATE orders SET item = ? WHERE id = ? OR id = ?", // an OR pins nothing
            "UPDATE orders SET item = ? WHERE id IN (?, ?)",
            "UPDATE orders SET item = ? WHERE id = ? + 1",
            "UPDATE orders SET item = ?", // no WHERE
            "UPDATE orders SET item = ? WHERE id = ? AND item IN (SELECT item FROM orders)", // reads every tenant's rows
            "UPDATE orders SET item = (SELECT max(item) FROM invoices) WHERE id = ?",
            "UPDATE orders o SET item = ? FROM invoices i WHERE o.id = ? AND i.order_id = o.id",
            "UPDATE orders SET item = ? WHERE x.id = ?", // a column of something else
            "DELETE FROM orders WHERE id = ?; DELETE FROM invoices WHERE tenant_id = ?", // several statements
            "WITH s AS (SELECT 1) DELETE FROM orders WHERE id = ?",
            "SELECT * FROM orders WHERE id = ?",
            "UPDATE products SET name = ? WHERE id = ?"}) // not a tenant table
    void otherShapesAreNotDecidedByAnOwner(String sql) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        assertNull(analysis.keyedWrite(), analysis.toString());
    }

    @Test
    void aTenantValueWrittenBesidesStaysATenantParameter() {
        SqlAnalysis analysis = ANALYZER.analyze("UPDATE orders SET tenant_id = ? WHERE id = ?");
        assertNotNull(analysis.keyedWrite());
        assertEquals(1, analysis.tenantParameters().size());
        assertEquals(1, analysis.tenantParameters().get(0).index());
        assertFalse(analysis.hasSingleTenantBound(), "the tenant and the key: two captured parameters");
    }
}
