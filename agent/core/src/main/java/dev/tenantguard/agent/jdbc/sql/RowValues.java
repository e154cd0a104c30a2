package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;

/**
 * Row values: {@code (a, b) = (?, ?)} and {@code (a, b) IN ((?, ?), (?, ?))}, the way ORMs compare
 * composite keys. A row equality is the AND of its positions' equalities; a row IN list holds rows of
 * the left row's width, and anything else (a sub-query, rows of another width) is no list of rows.
 */
final class RowValues {

    private RowValues() {
    }

    /**
     * {@code (a, b) = (x, y)} as {@code a = x} and {@code b = y}; any other equality as itself. Rows of
     * different widths are an error in SQL and compare nothing here.
     */
    static List<EqualsTo> pairs(EqualsTo equals) {
        if (Expressions.unwrap(equals.getLeftExpression()) instanceof ExpressionList<?> left
                && Expressions.unwrap(equals.getRightExpression()) instanceof ExpressionList<?> right) {
            if (left.size() != right.size()) {
                return List.of();
            }
            List<EqualsTo> pairs = new ArrayList<>(left.size());
            for (int i = 0; i < left.size(); i++) {
                pairs.add(new EqualsTo(left.get(i), right.get(i)));
            }
            return pairs;
        }
        return List.of(equals);
    }

    /** The rows of an IN list whose left side is a row of {@code width}, or {@code null} when it is not such a list. */
    static List<ExpressionList<?>> rows(Expression list, int width) {
        if (!(list instanceof ExpressionList<?> items) || items.isEmpty()) {
            return null;
        }
        List<ExpressionList<?>> rows = new ArrayList<>(items.size());
        for (Expression item : items) {
            if (!(Expressions.unwrap(item) instanceof ExpressionList<?> row) || row.size() != width) {
                return null;
            }
            rows.add(row);
        }
        return rows;
    }

    /** Each row's value at {@code position}, or {@code null} when one of them is not a fixed value. */
    static List<Expression> fixedAt(List<ExpressionList<?>> rows, int position) {
        List<Expression> values = new ArrayList<>(rows.size());
        for (ExpressionList<?> row : rows) {
            Expression value = row.get(position);
            if (Expressions.fixedValue(value) == null) {
                return null;
            }
            values.add(value);
        }
        return List.copyOf(values);
    }
}
