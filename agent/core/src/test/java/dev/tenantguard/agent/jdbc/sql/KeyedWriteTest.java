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
        assertEquals(List.of(new KeyedWrite.Value(0, "7")), write.pin("id").values());
        assertEquals(List.of(new KeyedWrite.Value(1, null)), write.pin("version").values());
    }

    @Test
    void aDeleteByAListOfKeysPinsTheKeyWithEachListedValueAndCapturesEachBind() {
        SqlAnalysis analysis = ANALYZER.analyze("delete from orders where id in (?, 5, ?, 'x')");
        KeyedWrite write = analysis.keyedWrite();
        assertNotNull(write, analysis.toString());
        assertEquals(List.of(new KeyedWrite.Value(1, null), new KeyedWrite.Value(0, "5"), new KeyedWrite.Value(2, null),
                new KeyedWrite.Value(0, "'x'")), write.pin("id").values());
        assertTrue(analysis.isTenantBound(1) && analysis.isTenantBound(2));
        assertEquals(1, analysis.problems().size(), "still unscoped by its SQL: the owners decide at execute time");
    }

    @Test
    void aListBesideOtherPinsAndAnUpdateByAListAreKept() {
        KeyedWrite write = ANALYZER.analyze("UPDATE orders o SET item = ? WHERE o.id IN (?, ?) AND version = ?").keyedWrite();
        assertNotNull(write);
        assertEquals(List.of(new KeyedWrite.Value(2, null), new KeyedWrite.Value(3, null)), write.pin("id").values());
        assertEquals(List.of(new KeyedWrite.Value(4, null)), write.pin("version").values());
    }

    @Test
    void aListOfRowsPinsItsColumnsTogetherAndCapturesEachBind() {
        SqlAnalysis analysis = ANALYZER.analyze("DELETE FROM orders o WHERE (o.order_no, line) IN ((?, 1), (?, ?)) AND version = ?");
        KeyedWrite write = analysis.keyedWrite();
        assertNotNull(write, analysis.toString());
        assertEquals(List.of(new KeyedWrite.RowList(List.of("order_no", "line"), List.of("order_no", "line"),
                List.of(List.of(new KeyedWrite.Value(1, null), new KeyedWrite.Value(0, "1")),
                        List.of(new KeyedWrite.Value(2, null), new KeyedWrite.Value(3, null))))), write.rowLists());
        assertEquals(List.of(new KeyedWrite.Value(4, null)), write.pin("version").values());
        assertTrue(analysis.isTenantBound(1) && analysis.isTenantBound(2) && analysis.isTenantBound(3));
    }

    @Test
    void aRowEqualityPinsEachColumnOnItsOwn() {
        KeyedWrite write = ANALYZER.analyze("UPDATE orders SET item = ? WHERE (order_no, line) = (?, 7)").keyedWrite();
        assertNotNull(write);
        assertEquals(List.of(new KeyedWrite.Value(2, null)), write.pin("order_no").values());
        assertEquals(List.of(new KeyedWrite.Value(0, "7")), write.pin("line").values());
    }

    @Test
    void aListOfRowsWithTheTenantIsScopedAndNotLookedUp() {
        SqlAnalysis analysis = ANALYZER.analyze("DELETE FROM orders WHERE (tenant_id, id) IN ((?, ?), (?, ?))");
        assertNull(analysis.keyedWrite(), analysis.toString());
        assertTrue(analysis.verified(), analysis.toString());
    }

    @Test
    void aListOfLiteralRowsIsNotSharedByShape() {
        String sql = "DELETE FROM orders WHERE (order_no, line) IN ((1, 2), (3, 4))";
        SqlShape shape = SqlShape.of(sql);
        assertNotNull(shape);
        assertFalse(ANALYZER.analyzeShape(shape).shared(), "each text is looked up with its own rows");
        assertEquals(4, ANALYZER.analyze(sql).keyedWrite().values().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM orders WHERE id IN (1, 2, 3)",
            "DELETE FROM orders WHERE id IN (1, 2, 3, 4, 5)"})
    void aListOfLiteralKeysIsNotSharedByShapeWhateverItsLength(String sql) {
        SqlShape shape = SqlShape.of(sql);
        assertNotNull(shape, "a list of literals has a shape that folds it to one ?");
        SqlAnalysis ofShape = ANALYZER.analyze(shape.text());
        assertFalse(ShapeAnalysis.of(ofShape).shared(), ofShape.toString());
        assertEquals(sql.split(",").length, ANALYZER.analyze(sql).keyedWrite().pin("id").values().size(),
                "the text itself, analysed as it is, lists every key");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE orders SET item = ? WHERE tenant_id = ? AND id = ?", // scoped: nothing to decide
            "UPDATE orders SET item = ? WHERE id = ? OR id = ?", // an OR pins nothing
            "UPDATE orders SET item = ? WHERE id NOT IN (?, ?)",
            "UPDATE orders SET item = ? WHERE id IN (SELECT id FROM orders WHERE item = ?)", // a sub-query
            "UPDATE orders SET item = ? WHERE id IN (?, ? + 1)", // a computed value
            "UPDATE orders SET item = ? WHERE (id, version) NOT IN ((?, ?), (?, ?))",
            "UPDATE orders SET item = ? WHERE (id, version) IN ((?, ?), (?, ? + 1))", // a computed value in a row
            "UPDATE orders SET item = ? WHERE (id, version) IN ((?, ?), (?))", // rows of another width
            "UPDATE orders SET item = ? WHERE (id, version) IN (SELECT id, version FROM orders)", // a sub-query
            "UPDATE orders SET item = ? WHERE (id, x.version) IN ((?, ?))", // a column of something else
            "UPDATE orders SET item = ? WHERE (id, version) IN ((?, ?)) OR id = ?",
            "UPDATE orders SET item = ? WHERE (id, version) IN ((?, ?), (?, ?)) OR 1 = 1",
            "UPDATE orders SET item = ? WHERE (id, version) IN ((?, ?), (NULL, ?))", // NULL is no value a row is named by
            "UPDATE orders SET item = ? WHERE (id, version) IN ((?, -1))",
            "DELETE FROM orders WHERE x.id IN (?, ?)", // a column of something else
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
