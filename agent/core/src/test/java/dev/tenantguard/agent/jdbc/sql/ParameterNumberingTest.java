package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant parameter indexes must be JDBC's: the n-th {@code ?} of the text outside literals,
 * quoted identifiers and comments, across statements — wherever the {@code ?} stands.
 */
class ParameterNumberingTest {

    static Stream<Arguments> tenantParameterIndexes() {
        return Stream.of(
                Arguments.of("SELECT ?, (SELECT max(total) FROM invoices i WHERE i.tenant_id = ?) FROM orders o "
                        + "WHERE o.flag = ? AND o.tenant_id = ? LIMIT ?", List.of(2, 4)),
                Arguments.of("WITH r AS (SELECT * FROM orders WHERE status = ? AND tenant_id = ?) "
                        + "SELECT ?, r.id FROM r WHERE r.id > ?", List.of(2)),
                Arguments.of("SELECT * FROM (SELECT * FROM orders WHERE a = ? AND tenant_id = ?) d WHERE d.b = ?", List.of(2)),
                Arguments.of("SELECT * FROM orders WHERE x = ? AND id IN (SELECT order_id FROM invoices "
                        + "WHERE y = ? AND tenant_id = ?) AND tenant_id = ?", List.of(3, 4)),
                Arguments.of("SELECT * FROM orders WHERE tenant_id = ? LIMIT ? OFFSET ?", List.of(1)),
                Arguments.of("SELECT * FROM orders WHERE note = 'why?' AND tenant_id = ?", List.of(1)),
                Arguments.of("SELECT * FROM orders WHERE note = 'it''s ?' AND tenant_id = ?", List.of(1)),
                Arguments.of("SELECT \"a?\" FROM orders WHERE tenant_id = ?", List.of(1)),
                Arguments.of("SELECT * FROM orders /* ? */ WHERE x = ? -- ?\n AND tenant_id = ?", List.of(2)),
                Arguments.of("SELECT $$ ? $$, ? FROM orders WHERE tenant_id = ?", List.of(2)),
                Arguments.of("INSERT INTO orders (id, status, tenant_id) VALUES (?, ?, ?), (?, ?, ?)", List.of(3, 6)),
                Arguments.of("UPDATE orders SET tenant_id = ?, status = ? WHERE id = ? AND tenant_id = ?", List.of(1, 4)),
                Arguments.of("UPDATE orders SET status = ? WHERE tenant_id = ?; "
                        + "DELETE FROM invoices WHERE id = ? AND tenant_id = ?", List.of(2, 4)),
                Arguments.of("SET search_path TO tenant_acme; SELECT * FROM orders WHERE id = ? AND tenant_id = ?", List.of(2)),
                Arguments.of("SELECT CASE WHEN ? THEN 1 END, coalesce(?, 2) FROM orders WHERE tenant_id IN (?)", List.of(3)));
    }

    @ParameterizedTest
    @MethodSource("tenantParameterIndexes")
    void tenantParametersHaveJdbcIndexes(String sql, List<Integer> expected) {
        SqlAnalysis analysis = SqlTenantAnalyzerTest.analyze(sql);
        assertTrue(analysis.verified(), analysis::toString);
        assertEquals(expected, analysis.tenantParameters().stream().map(TenantParameter::index).toList(),
                analysis::toString);
        for (int index = 1; index <= 8; index++) {
            assertEquals(expected.contains(index), analysis.isTenantBound(index), "index " + index);
        }
        assertEquals(expected.get(expected.size() - 1), analysis.maxTenantBoundIndex());
    }

    /** JSqlParser's own numbering agrees with the lexer's textual count, nested constructs included. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT ?, (SELECT ? FROM t WHERE a = ?) FROM u WHERE b IN (SELECT c FROM v WHERE d = ?) LIMIT ?",
            "WITH a AS (SELECT ? x), b AS (SELECT ? y FROM a WHERE x = ?) SELECT * FROM b WHERE y = ? UNION SELECT ?",
            "INSERT INTO t (a, b) SELECT ?, c FROM u WHERE d = ? ON CONFLICT (a) DO UPDATE SET b = ? WHERE t.a = ?",
            "UPDATE t SET a = ?, b = (SELECT c FROM u WHERE d = ?) WHERE e = ? AND f IN (?, ?)",
            "MERGE INTO t USING (SELECT ? AS a) s ON (t.a = s.a AND t.b = ?) WHEN MATCHED THEN UPDATE SET c = ? "
                    + "WHEN NOT MATCHED THEN INSERT (a, b) VALUES (?, ?)",
            "SELECT * FROM t WHERE a = ? AND b BETWEEN ? AND ? ORDER BY CASE WHEN ? THEN 1 ELSE 2 END OFFSET ? ROWS"})
    void parserIndexesFollowTheText(String sql) throws Exception {
        SqlLexer.Piece piece = SqlLexer.split(sql).get(0);
        Statement statement = CCJSqlParserUtil.newParser(piece.text()).withAllowComplexParsing(true).Statement();
        ParameterNumbering numbering = ParameterNumbering.of(piece, statement);
        assertNull(numbering.problem());
        List<Integer> indexes = AstWalker.collect(statement, JdbcParameter.class).stream()
                .map(JdbcParameter::getIndex).sorted().toList();
        assertEquals(piece.parameterCount(), indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            assertEquals(i + 1, indexes.get(i));
        }
    }

    @Test
    void numberedParametersAreNotJdbcParameters() {
        SqlAnalysis analysis = SqlTenantAnalyzerTest.analyze("SELECT * FROM orders WHERE tenant_id = ?1");
        assertFalse(analysis.verified(), analysis::toString);
        assertTrue(analysis.problems().get(0).reason().contains("numbered parameter"), analysis::toString);
    }

    @Test
    void parametersBeforeASetStatementCount() {
        SqlAnalysis analysis = SqlTenantAnalyzerTest.analyze(
                "UPDATE orders SET status = ? WHERE tenant_id = ?; SET app.tenant = ?");
        assertEquals(List.of(RlsValue.ofParameter("app.tenant", 3)), analysis.rlsValues());
        assertTrue(analysis.isTenantBound(2));
        assertTrue(analysis.isTenantBound(3));
        assertFalse(analysis.isTenantBound(1));
    }
}
