package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape of a statement and the analysis texts of one shape share: the shape's analysis with a
 * text's own values put back must decide what the analysis of that text decides, for the text the
 * shape was first seen with and for every other text of the shape — another tenant's literal
 * included.
 */
class SqlShapeTest {
    private static final SqlTenantAnalyzer ANALYZER = SqlTenantAnalyzerTest.ANALYZER;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM orders WHERE tenant_id = 'acme' AND id = 42|SELECT * FROM orders WHERE tenant_id = ? AND id = ?",
            "SELECT * FROM orders WHERE id IN (1, 2, 3) AND tenant_id='acme'|SELECT * FROM orders WHERE id IN (?) AND tenant_id=?",
            "SELECT * FROM orders WHERE id in(7) AND tenant_id = ?|SELECT * FROM orders WHERE id in(?) AND tenant_id = ?",
            "SELECT * FROM orders WHERE tenant_id IN ('acme' , 'it''s')|SELECT * FROM orders WHERE tenant_id IN (?)",
            "SELECT * FROM orders WHERE id IN (1, ?) AND tenant_id = 'a'|SELECT * FROM orders WHERE id IN (?, ?) AND tenant_id = ?",
            "SELECT * FROM orders WHERE amount > 1.5 AND tenant_id = 'a'|SELECT * FROM orders WHERE amount > 1.5 AND tenant_id = ?",
            "SELECT * FROM orders WHERE name = N'x' AND tenant_id = 'a'|SELECT * FROM orders WHERE name = N'x' AND tenant_id = ?",
            "SELECT * FROM orders WHERE tenant_id = U&'a' AND id = 1|SELECT * FROM orders WHERE tenant_id = U&'a' AND id = ?",
            "SELECT t1.x FROM orders t1 WHERE t1.id = -5 /* it's 5 */ AND tenant_id = 'a'|SELECT t1.x FROM orders t1 WHERE t1.id = -? /* it's 5 */ AND tenant_id = ?",
            "SELECT \"col 'x'\" FROM orders WHERE tenant_id = 'a'|SELECT \"col 'x'\" FROM orders WHERE tenant_id = ?",
    })
    void takesOutTheLiteralsThatStandAlone(String sql, String shape) {
        assertEquals(shape, SqlShape.of(sql).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM orders WHERE tenant_id = ?", // nothing to take out
            "SELECT * FROM orders WHERE tenant_id = 'a\\' OR 1=1 -- '",
            "SELECT * FROM orders WHERE tenant_id = 'a'; DELETE FROM orders",
            "SELECT * FROM orders WHERE tenant_id = 'a' /*! OR 1=1 */",
            "SELECT * FROM orders WHERE tenant_id = 'a' # OR 1=1",
            "SELECT * FROM orders WHERE tenant_id = 'a' --x",
            "SELECT * FROM orders WHERE tenant_id = $$a$$ AND id = 1",
            "SELECT * FROM orders WHERE tenant_id = ?1 AND id = 1",
            "SELECT * FROM orders WHERE tenant_id = 'unterminated",
            "SELECT * FROM orders /* /* nested */ */ WHERE tenant_id = 'a'",
            "SELECT * FROM orders WHERE item = \"x\\\" OR 1=1 -- \" AND tenant_id = 'a'",
    })
    void givesUpOnWhatDialectsReadDifferently(String sql) {
        assertNull(SqlShape.of(sql));
    }

    @Test
    void numbersTheRealParametersAsJdbcDoes() {
        SqlShape shape = SqlShape.of("UPDATE orders SET item = 'x' WHERE tenant_id = ? AND id IN (1, 2) AND status = ?");
        assertEquals(4, shape.parameterCount());
        assertTrue(shape.isLiteral(1));
        assertEquals(1, shape.jdbcIndex(2));
        assertEquals(List.of("1", "2"), shape.literals(3));
        assertEquals(2, shape.jdbcIndex(4));
    }

    @Test
    void aShapeSeenWithOneTenantsLiteralComparesTheNextTextsOwn() {
        SqlShape acme = SqlShape.of("DELETE FROM orders WHERE tenant_id = 'acme' AND id = 1");
        ShapeAnalysis shared = ANALYZER.analyzeShape(acme);
        assertTrue(shared.shared());
        SqlShape globex = SqlShape.of("DELETE FROM orders WHERE tenant_id = 'globex' AND id = 2");
        assertEquals(acme.text(), globex.text());
        assertEquals(List.of("globex"), tenants(shared.of(globex).literalTenants()));
        assertEquals(List.of("acme"), tenants(shared.of(acme).literalTenants()));
    }

    @Test
    void everyValueOfAnInListIsCompared() {
        SqlShape one = SqlShape.of("SELECT * FROM orders WHERE tenant_id IN ('acme')");
        SqlShape three = SqlShape.of("SELECT * FROM orders WHERE tenant_id IN ('acme', 'acme', 'globex')");
        assertEquals(one.text(), three.text());
        ShapeAnalysis shared = ANALYZER.analyzeShape(one);
        assertEquals(List.of("acme", "acme", "globex"), tenants(shared.of(three).literalTenants()));
    }

    @Test
    void eachRowOfARowListHasItsOwnTenantCompared() {
        SqlShape acme = SqlShape.of("SELECT * FROM orders WHERE (tenant_id, id) IN (('acme', 1), ('acme', 2))");
        SqlShape mixed = SqlShape.of("SELECT * FROM orders WHERE (tenant_id, id) IN (('acme', 1), ('globex', 2))");
        SqlShape bound = SqlShape.of("SELECT * FROM orders WHERE (tenant_id, id) IN (('acme', 1), (?, 2))");
        assertEquals(acme.text(), mixed.text());
        assertEquals(acme.text(), bound.text());
        ShapeAnalysis shared = ANALYZER.analyzeShape(acme);
        assertTrue(shared.shared());
        assertEquals(List.of("acme", "globex"), tenants(shared.of(mixed).literalTenants()));
        SqlAnalysis withBind = shared.of(bound);
        assertEquals(List.of("acme"), tenants(withBind.literalTenants()));
        assertEquals(List.of(1), withBind.tenantParameters().stream().map(TenantParameter::index).toList());
    }

    @Test
    void theValueOfAColumnTheTenantColumnEqualsIsComparedPerText() {
        SqlShape acme = SqlShape.of("SELECT o.* FROM tenants t JOIN orders o ON o.tenant_id = t.id WHERE t.id = 'acme'");
        SqlShape globex = SqlShape.of("SELECT o.* FROM tenants t JOIN orders o ON o.tenant_id = t.id WHERE t.id = 'globex'");
        assertEquals(acme.text(), globex.text());
        ShapeAnalysis shared = ANALYZER.analyzeShape(acme);
        assertTrue(shared.shared());
        assertEquals(List.of("acme"), tenants(shared.of(acme).literalTenants()));
        assertEquals(List.of("globex"), tenants(shared.of(globex).literalTenants()));
    }

    @Test
    void aLiteralAndABoundTenantInOneStatementAreEachChecked() {
        SqlShape mixed = SqlShape.of("SELECT * FROM orders o JOIN invoices i ON i.order_id = o.id AND i.tenant_id = ?"
                + " WHERE o.tenant_id = 'globex' AND o.id = 7");
        SqlAnalysis analysis = ANALYZER.analyzeShape(mixed).of(mixed);
        assertEquals(List.of("globex"), tenants(analysis.literalTenants()));
        assertTrue(analysis.isTenantBound(1), analysis::toString);
        assertFalse(analysis.isTenantBound(2), analysis::toString);
    }

    @Test
    void aBoundTenantAndALiteralOfTheSameShapeAreToldApart() {
        SqlShape literal = SqlShape.of("SELECT * FROM orders WHERE tenant_id = 'globex' AND id = 3");
        SqlShape bound = SqlShape.of("SELECT * FROM orders WHERE tenant_id = ? AND id = 3");
        assertEquals(literal.text(), bound.text());
        ShapeAnalysis shared = ANALYZER.analyzeShape(bound);
        assertEquals(List.of("globex"), tenants(shared.of(literal).literalTenants()));
        assertTrue(shared.of(bound).isTenantBound(1));
        assertTrue(shared.of(bound).literalTenants().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT set_config('app.tenant', 'globex', false)",
            "SELECT set_config('search_path', 'tenant_globex', false)",
            "SET app.tenant = 'globex'",
            "SET SCHEMA 'tenant_globex'",
            "CALL purge('globex')",
            "EXECUTE IMMEDIATE 'DELETE FROM orders'",
            "SELECT * FROM dblink('x', 'DELETE FROM orders') AS t(a int)",
    })
    void aShapeWhoseLiteralsMayDecideMoreThanATenantIsNotShared(String sql) {
        SqlShape shape = SqlShape.of(sql);
        assertFalse(shape != null && ANALYZER.analyzeShape(shape).shared(), sql);
    }

    /** A literal that only parses as a literal: the shape is not shared, or decides as the text does. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM orders WHERE tenant_id = 'acme' AND created > DATE '2020-01-01'",
            "SELECT * FROM orders WHERE tenant_id = 'acme' AND created > now() - INTERVAL '1' DAY",
            "SELECT CAST(item AS VARCHAR(10)) FROM orders WHERE tenant_id = 'acme'",
            "SELECT * FROM orders WHERE tenant_id = 'acme' AND item LIKE 'a!%' ESCAPE '!'",
    })
    void aLiteralThatOnlyParsesAsALiteralIsReadAsTheTextSays(String sql) {
        SqlShape shape = SqlShape.of(sql);
        SqlAnalysis shared = ANALYZER.analyzeShape(shape).of(shape);
        if (shared != null) {
            assertSameDecision(ANALYZER.analyze(sql), shared, sql);
        }
    }

    /**
     * The analyzer's own tables of statements, each as its shape's first text and again with every
     * acme literal replaced by globex's: wherever the shape is shared, it decides as the text's own
     * analysis does.
     */
    @Test
    void aSharedShapeDecidesAsTheTextsOwnAnalysis() {
        List<String> corpus = new ArrayList<>();
        SqlTenantAnalyzerTest.restricted().forEach(corpus::add);
        Stream.of(SqlTenantAnalyzerTest.unscoped(), SqlTenantAnalyzerTest.schemaTenants(), SqlTenantAnalyzerTest.rlsValues())
                .flatMap(s -> s).forEach(arguments -> corpus.add((String) arguments.get()[0]));
        corpus.addAll(List.of(
                "SELECT * FROM orders WHERE tenant_id = 'acme' AND id = 1",
                "SELECT * FROM orders WHERE tenant_id IN ('acme', 'acme') AND id IN (1, 2, 3)",
                "SELECT * FROM orders WHERE tenant_id = 'acme' OR id = 1",
                "SELECT * FROM orders WHERE id = 1",
                "INSERT INTO orders (id, tenant_id, item) VALUES (1, 'acme', 'x'), (2, 'acme', 'y')",
                "UPDATE orders SET tenant_id = 'acme', item = 'z' WHERE tenant_id = 'acme' AND id = 4",
                "DELETE FROM orders WHERE tenant_id = 'acme' AND id IN (SELECT order_id FROM invoices WHERE tenant_id = 'acme' AND amount > 10)",
                "SELECT o.id FROM orders o JOIN invoices i ON i.order_id = o.id AND i.tenant_id = 'acme' WHERE o.tenant_id = 'acme'",
                "WITH t AS (SELECT 'acme' AS tenant_id) INSERT INTO orders (id, tenant_id) SELECT 1, tenant_id FROM t",
                "SELECT * FROM orders WHERE tenant_id = 'acme' LIMIT 10 OFFSET 20",
                "SELECT * FROM orders WHERE tenant_id = ? AND id = 5 AND item = ?"));
        int shared = 0;
        for (String sql : corpus) {
            SqlShape shape = SqlShape.of(sql);
            if (shape == null) {
                continue;
            }
            ShapeAnalysis analysis = ANALYZER.analyzeShape(shape);
            if (!analysis.shared()) {
                assertNull(analysis.of(shape));
                continue;
            }
            shared++;
            assertSameDecision(ANALYZER.analyze(sql), analysis.of(shape), sql);
            String other = sql.replace("'acme'", "'globex'").replace(" 1", " 9");
            SqlShape otherShape = SqlShape.of(other);
            assertEquals(shape.text(), otherShape.text(), other);
            assertSameDecision(ANALYZER.analyze(other), analysis.of(otherShape), other);
        }
        assertTrue(shared > 40, "shared shapes: " + shared);
    }

    private static void assertSameDecision(SqlAnalysis expected, SqlAnalysis actual, String sql) {
        assertNotNull(actual, sql);
        String message = sql + "\nexpected " + expected + "\nbut was  " + actual;
        assertEquals(expected.operation(), actual.operation(), message);
        assertEquals(expected.tenantTables(), actual.tenantTables(), message);
        assertEquals(expected.problems().size(), actual.problems().size(), message);
        assertEquals(sorted(tenants(expected.literalTenants())), sorted(tenants(actual.literalTenants())), message);
        assertEquals(expected.tenantParameters().stream().map(TenantParameter::index).sorted().toList(),
                actual.tenantParameters().stream().map(TenantParameter::index).sorted().toList(), message);
        assertEquals(expected.schemaTenants(), actual.schemaTenants(), message);
        assertEquals(expected.rlsValues(), actual.rlsValues(), message);
        assertEquals(expected.namedTenantParameters(), actual.namedTenantParameters(), message);
    }

    private static List<String> tenants(List<LiteralTenant> literals) {
        return literals.stream().map(LiteralTenant::tenant).toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
