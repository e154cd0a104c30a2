package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;

/**
 * For observation ({@code report.observe}), not for enforcement: the tables a statement names and,
 * per table, the columns it pins to one value — {@code col = ?} or {@code col = 'x'} among the
 * top-level {@code AND}s of its {@code WHERE}, or an {@code INSERT}'s column and its value. A column
 * pinned under an {@code OR} restricts nothing and is not counted. What the parser cannot read, or a
 * statement of another shape, gives {@code null}: no evidence either way.
 *
 * @param operation SELECT, INSERT, UPDATE or DELETE
 * @param tables    the tables named, lower case, without schema
 * @param pins      the pinned columns
 */
public record PinnedColumns(String operation, List<String> tables, List<Pin> pins) {

    /**
     * A column pinned to a {@code ?} (its JDBC index, {@code literal} null) or to a literal
     * ({@code parameter} 0).
     */
    public record Pin(String table, String column, int parameter, String literal) {
    }

    /** The pinned columns of {@code sql}, or {@code null} when they cannot be told. */
    public static PinnedColumns of(String sql) {
        Statement statement;
        try {
            statement = SqlTenantAnalyzer.parse(sql);
        } catch (RuntimeException | SqlTenantAnalyzer.UnreadableSql e) {
            return null;
        }
        if (SqlLexer.split(sql).size() != 1) {
            return null;
        }
        Reader reader = new Reader();
        if (statement instanceof PlainSelect plain) {
            reader.from(plain.getFromItem());
            if (plain.getJoins() != null) {
                for (Join join : plain.getJoins()) {
                    reader.from(join.getFromItem());
                }
            }
            reader.where(plain.getWhere());
            return reader.result("SELECT");
        }
        if (statement instanceof Update update && update.getJoins() == null && update.getFromItem() == null) {
            reader.from(update.getTable());
            reader.where(update.getWhere());
            return reader.result("UPDATE");
        }
        if (statement instanceof Delete delete && delete.getJoins() == null) {
            reader.from(delete.getTable());
            reader.where(delete.getWhere());
            return reader.result("DELETE");
        }
        if (statement instanceof Insert insert && insert.getColumns() != null
                && insert.getSelect() instanceof Values values) {
            String table = reader.from(insert.getTable());
            ExpressionList<?> rows = values.getExpressions();
            ExpressionList<?> row = rows.size() == 1 && rows.get(0) instanceof ParenthesedExpressionList<?> only
                    ? only : rows;
            if (table == null || row.size() != insert.getColumns().size()) {
                return null;
            }
            for (int i = 0; i < row.size(); i++) {
                reader.pin(table, insert.getColumns().get(i).getColumnName(), row.get(i));
            }
            return reader.result("INSERT");
        }
        return null;
    }

    private static final class Reader {
        private final List<String> tables = new ArrayList<>();
        private final Map<String, String> byAlias = new HashMap<>();
        private final List<Pin> pins = new ArrayList<>();
        private boolean unreadable;

        String from(FromItem item) {
            if (!(item instanceof Table table)) {
                unreadable = true; // a sub-query or function: its rows come from elsewhere
                return null;
            }
            String name = unquoted(table.getName());
            tables.add(name);
            byAlias.put(name, name);
            if (table.getAlias() != null) {
                byAlias.put(unquoted(table.getAlias().getName()), name);
            }
            return name;
        }

        void where(Expression where) {
            if (where instanceof AndExpression and) {
                where(and.getLeftExpression());
                where(and.getRightExpression());
            } else if (where instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                where((Expression) list.get(0));
            } else if (where instanceof EqualsTo equals) {
                if (equals.getLeftExpression() instanceof Column column) {
                    pin(tableOf(column), column.getColumnName(), equals.getRightExpression());
                } else if (equals.getRightExpression() instanceof Column column) {
                    pin(tableOf(column), column.getColumnName(), equals.getLeftExpression());
                }
            }
        }

        void pin(String table, String column, Expression value) {
            if (table == null) {
                return;
            }
            String name = unquoted(column);
            if (value instanceof JdbcParameter parameter && !parameter.isUseFixedIndex() && parameter.getIndex() != null) {
                pins.add(new Pin(table, name, parameter.getIndex(), null));
            } else if (value instanceof StringValue string) {
                pins.add(new Pin(table, name, 0, string.getValue()));
            } else if (value instanceof LongValue number) {
                pins.add(new Pin(table, name, 0, number.getStringValue()));
            }
        }

        private String tableOf(Column column) {
            Table table = column.getTable();
            if (table != null && table.getName() != null) {
                return byAlias.get(unquoted(table.getName()));
            }
            return tables.size() == 1 ? tables.get(0) : null;
        }

        PinnedColumns result(String operation) {
            return unreadable || tables.isEmpty() ? null : new PinnedColumns(operation, List.copyOf(tables), List.copyOf(pins));
        }

        private static String unquoted(String name) {
            String plain = name.length() > 1 && (name.charAt(0) == '"' || name.charAt(0) == '`')
                    ? name.substring(1, name.length() - 1) : name;
            return plain.toLowerCase(Locale.ROOT);
        }
    }
}
