package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/** Small helpers over JSqlParser expressions: parentheses, AND/OR lists, value and column tests. */
final class Expressions {

    private static final int MAX_QUOTED_LENGTH = 80;

    private Expressions() {
    }

    /** {@code ((x))} → {@code x}; a parenthesized list of several expressions (a row) is kept. */
    static Expression unwrap(Expression expression) {
        Expression e = expression;
        while (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            e = list.get(0);
        }
        return e;
    }

    /** The top-level AND conjuncts of a condition, parentheses removed. */
    static List<Expression> conjuncts(Expression condition) {
        List<Expression> out = new ArrayList<>();
        flatten(condition, true, out);
        return out;
    }

    /** The top-level OR branches of a condition, parentheses removed. */
    static List<Expression> disjuncts(Expression condition) {
        List<Expression> out = new ArrayList<>();
        flatten(condition, false, out);
        return out;
    }

    private static void flatten(Expression condition, boolean and, List<Expression> out) {
        Expression e = unwrap(condition);
        if (and && e instanceof AndExpression both) {
            flatten(both.getLeftExpression(), true, out);
            flatten(both.getRightExpression(), true, out);
        } else if (!and && e instanceof OrExpression either) {
            flatten(either.getLeftExpression(), false, out);
            flatten(either.getRightExpression(), false, out);
        } else if (e != null) {
            out.add(e);
        }
    }

    /**
     * The value an expression stands for, when it is a single fixed value: a string or integer literal,
     * a {@code ?} or a {@code :named} parameter, possibly in parentheses or cast ({@code ?::text},
     * {@code CAST('a' AS VARCHAR)}); {@code null} for anything computed, including {@code NULL}.
     */
    static Expression fixedValue(Expression expression) {
        Expression e = unwrap(expression);
        while (e instanceof CastExpression cast) {
            e = unwrap(cast.getLeftExpression());
        }
        if (e instanceof StringValue || e instanceof LongValue || e instanceof JdbcParameter
                || e instanceof JdbcNamedParameter) {
            return e;
        }
        return null;
    }

    /** The column an expression is, when it is a bare column reference (in parentheses or not). */
    static Column column(Expression expression) {
        return unwrap(expression) instanceof Column column ? column : null;
    }

    /** An expression as a short quote for a report. */
    static String quote(Object expression) {
        String text = String.valueOf(expression).replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH - 1) + "…";
    }
}
