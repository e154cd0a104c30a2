package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The repaired WHERE has SQL's precedence: shown as its tree, operators and operand texts. */
class InPrecedenceRepairTest {

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of("a = 1 AND id IN (1, 2) OR b = 2", "OR(AND(a = 1, id IN (1, 2)), b = 2)"),
                Arguments.of("id IN (1, 2) AND a = 1", "AND(id IN (1, 2), a = 1)"),
                Arguments.of("id IN (SELECT x FROM t) AND a = 1 OR b = 2 AND c = 3",
                        "OR(AND(id IN (SELECT x FROM t), a = 1), AND(b = 2, c = 3))"),
                Arguments.of("a = 1 AND NOT id IN (1) OR b = 2", "OR(AND(a = 1, NOT id IN (1)), b = 2)"),
                Arguments.of("a = 1 AND id NOT IN (1) XOR b = 2 OR c = 3", "OR(XOR(AND(a = 1, id NOT IN (1)), b = 2), c = 3)"),
                Arguments.of("a = 1 AND id IN (1) AND x IN (2) OR b = 2", "OR(AND(AND(a = 1, id IN (1)), x IN (2)), b = 2)"),
                Arguments.of("(a = 1 OR id IN (1) AND b = 2) AND c = 3", "AND((a = 1 OR id IN (1) AND b = 2), c = 3)"),
                Arguments.of("a = 1 AND b = 2", "AND(a = 1, b = 2)"));
    }

    @ParameterizedTest
    @MethodSource("conditions")
    void reassociatesBySqlPrecedence(String condition, String expected) throws Exception {
        PlainSelect select = (PlainSelect) CCJSqlParserUtil.newParser("SELECT * FROM t WHERE " + condition)
                .withAllowComplexParsing(true).Statement();
        InPrecedenceRepair.repair(select);
        assertEquals(expected, tree(select.getWhere()));
        assertNull(InPrecedenceRepair.unrepaired(select));
    }

    private static String tree(Expression expression) {
        if (expression instanceof BinaryExpression binary && binary.getStringExpression().matches("(?i)AND|OR|XOR")) {
            return binary.getStringExpression().toUpperCase() + "(" + tree(binary.getLeftExpression()) + ", "
                    + tree(binary.getRightExpression()) + ")";
        }
        return expression.toString();
    }
}
