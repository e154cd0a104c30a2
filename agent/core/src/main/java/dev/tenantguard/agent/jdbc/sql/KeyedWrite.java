package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;

/**
 * An UPDATE or DELETE of one tenant table whose WHERE pins columns of that table to fixed values
 * ({@code where id=? and version=?}: the shape in which ORMs write an entity they loaded) but not the
 * tenant column. The SQL alone cannot show whose row that is; when the pinned columns hold the table's
 * primary key, the caller can look the row's owner up and judge the write by it.
 *
 * <p>Only the plain shape is kept: one target, no joins, FROM, USING or WITH, and every pin a top-level
 * conjunct of the WHERE ({@code col = ?}, {@code col = literal}, or a list of those values:
 * {@code col IN (?, literal, …)}, the way ORMs delete entities in a batch, or a list of rows for several
 * columns: {@code (a, b) IN ((?, ?), (?, ?))}, the way they name entities by a composite key), so the rows
 * written are a subset of the rows the pins select, whatever else the WHERE says.
 *
 * @param table    the target, unqualified, lower case (as {@link SqlProblem#resource()} names it)
 * @param tableSql the target as the statement writes it (schema and quotes kept), for the lookup
 * @param reason   the reason of the problem this write raises, which the owner lookup may answer
 * @param pins     the columns pinned by the WHERE, each on its own
 * @param rowLists the lists of rows that pin several columns together
 */
public record KeyedWrite(String table, String tableSql, String reason, List<Pin> pins, List<RowList> rowLists) {

    /**
     * One pinned column and the values it may hold: one for {@code col = ?}, each listed one for
     * {@code col IN (…)}.
     *
     * @param column    the column, lower case, unquoted (matched with the primary key's columns)
     * @param columnSql the column as the statement writes it
     * @param values    the values, in the order written
     */
    public record Pin(String column, String columnSql, List<Value> values) {
        public Pin {
            values = List.copyOf(values);
        }

        /** A column pinned to one value. */
        public Pin(String column, String columnSql, int index, String literal) {
            this(column, columnSql, List.of(new Value(index, literal)));
        }
    }

    /**
     * One value a pinned column holds.
     *
     * @param index   the JDBC parameter index of the value, or 0 for a literal
     * @param literal the literal as written ({@code 5}, {@code 'a'}), or {@code null} for a parameter
     */
    public record Value(int index, String literal) {
    }

    /**
     * Columns pinned together to the rows of a list: {@code (a, b) IN ((?, ?), (1, 'x'))}, or
     * {@code (a, b) = (?, ?)}.
     *
     * @param columns    the columns, lower case, unquoted, in the order written
     * @param columnsSql the columns as the statement writes them
     * @param rows       each row's values, one per column, in the order written
     */
    public record RowList(List<String> columns, List<String> columnsSql, List<List<Value>> rows) {
        public RowList {
            columns = List.copyOf(columns);
            columnsSql = List.copyOf(columnsSql);
            rows = rows.stream().<List<Value>>map(List::copyOf).toList();
        }
    }

    public KeyedWrite {
        pins = List.copyOf(pins);
        rowLists = List.copyOf(rowLists);
    }

    public KeyedWrite(String table, String tableSql, String reason, List<Pin> pins) {
        this(table, tableSql, reason, pins, List.of());
    }

    /** Every value the write's pins and rows hold. */
    public List<Value> values() {
        List<Value> all = new ArrayList<>();
        pins.forEach(pin -> all.addAll(pin.values()));
        rowLists.forEach(list -> list.rows().forEach(all::addAll));
        return all;
    }

    /** The pin of {@code column} (lower case), or {@code null}. */
    public Pin pin(String column) {
        for (Pin pin : pins) {
            if (pin.column().equals(column)) {
                return pin;
            }
        }
        return null;
    }

    /** The keyed write {@code statement} is, or {@code null} when it is not of that plain shape. */
    static KeyedWrite of(Statement statement, TenantNames names, ParameterNumbering numbering) {
        if (numbering.problem() != null) {
            return null;
        }
        if (statement instanceof Update update) {
            boolean plain = update.getWithItemsList() == null && empty(update.getStartJoins())
                    && update.getFromItem() == null && empty(update.getJoins());
            return plain ? of(update.getTable(), update.getWhere(), "the UPDATE", names, numbering) : null;
        }
        if (statement instanceof Delete delete) {
            boolean plain = delete.getWithItemsList() == null && empty(delete.getUsingList())
                    && empty(delete.getJoins()) && empty(delete.getTables());
            return plain ? of(delete.getTable(), delete.getWhere(), "the DELETE", names, numbering) : null;
        }
        return null;
    }

    private static KeyedWrite of(Table target, Expression where, String description, TenantNames names,
            ParameterNumbering numbering) {
        if (target == null || where == null || !names.isTenantTable(target)) {
            return null;
        }
        String table = TenantNames.normalize(target.getName());
        Alias alias = target.getAlias();
        String qualifier = alias == null ? table : TenantNames.normalize(alias.getName());
        List<Pin> pins = new ArrayList<>();
        List<RowList> rowLists = new ArrayList<>();
        for (Expression conjunct : Expressions.conjuncts(where)) {
            if (conjunct instanceof EqualsTo row) {
                for (EqualsTo equals : RowValues.pairs(row)) { // (a, b) = (?, ?) pins a and b
                    Pin pin = pin(equals.getLeftExpression(), equals.getRightExpression(), qualifier, numbering);
                    if (pin == null) {
                        pin = pin(equals.getRightExpression(), equals.getLeftExpression(), qualifier, numbering);
                    }
                    if (pin != null) {
                        pins.add(pin);
                    }
                }
            } else if (conjunct instanceof InExpression in && plainIn(in)) {
                if (Expressions.unwrap(in.getLeftExpression()) instanceof ExpressionList<?> columns) {
                    RowList list = rowList(columns, in.getRightExpression(), qualifier, numbering);
                    if (list != null) {
                        rowLists.add(list);
                    }
                } else {
                    Pin pin = listed(in, qualifier, numbering);
                    if (pin != null) {
                        pins.add(pin);
                    }
                }
            }
        }
        if (pins.isEmpty() && rowLists.isEmpty()) {
            return null;
        }
        return new KeyedWrite(table, target.getFullyQualifiedName(), table + " in " + description + " is not restricted by " + names.column(),
                pins, rowLists);
    }

    private static boolean plainIn(InExpression in) {
        return !in.isNot() && !in.isGlobal() && in.getOldOracleJoinSyntax() == 0;
    }

    /**
     * {@code (a, b) IN ((v1, v2), …)} with each left entry a column of the target and each value a
     * parameter or a literal: those columns pinned together to the listed rows; else nothing.
     */
    private static RowList rowList(ExpressionList<?> left, Expression right, String qualifier, ParameterNumbering numbering) {
        List<ExpressionList<?>> rows = RowValues.rows(right, left.size());
        if (rows == null) {
            return null;
        }
        List<String> columns = new ArrayList<>(left.size());
        List<String> columnsSql = new ArrayList<>(left.size());
        for (Expression entry : left) {
            Column column = column(entry, qualifier);
            if (column == null) {
                return null;
            }
            columns.add(TenantNames.normalize(column.getColumnName()));
            columnsSql.add(column.getColumnName());
        }
        List<List<Value>> values = new ArrayList<>(rows.size());
        for (ExpressionList<?> row : rows) {
            List<Value> rowValues = new ArrayList<>(row.size());
            for (Expression item : row) {
                Value value = value(item, numbering);
                if (value == null) {
                    return null;
                }
                rowValues.add(value);
            }
            values.add(rowValues);
        }
        return new RowList(columns, columnsSql, values);
    }

    private static Pin pin(Expression side, Expression other, String qualifier, ParameterNumbering numbering) {
        Column column = column(side, qualifier);
        Value value = column == null ? null : value(other, numbering);
        return value == null ? null
                : new Pin(TenantNames.normalize(column.getColumnName()), column.getColumnName(), List.of(value));
    }

    /**
     * {@code col IN (v1, v2, …)} with each value a parameter or a literal: the column pinned to those
     * values. A sub-query or any computed value pins nothing.
     */
    private static Pin listed(InExpression in, String qualifier, ParameterNumbering numbering) {
        if (!(in.getRightExpression() instanceof ExpressionList<?> list) || list.isEmpty()) {
            return null;
        }
        Column column = column(in.getLeftExpression(), qualifier);
        if (column == null) {
            return null;
        }
        List<Value> values = new ArrayList<>(list.size());
        for (Expression item : list) {
            Value value = value(item, numbering);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return new Pin(TenantNames.normalize(column.getColumnName()), column.getColumnName(), values);
    }

    /** {@code side} as a column of the target, or {@code null}. */
    private static Column column(Expression side, String qualifier) {
        Column column = Expressions.column(side);
        if (column == null) {
            return null;
        }
        Table owner = column.getTable();
        if (owner != null && owner.getName() != null
                && (owner.getSchemaName() != null || !TenantNames.normalize(owner.getName()).equals(qualifier))) {
            return null; // a column of something else: an outer reference is not a pin of this table
        }
        return column;
    }

    /** {@code expression} as a parameter or a literal, or {@code null} when it is computed. */
    private static Value value(Expression expression, ParameterNumbering numbering) {
        Expression value = Expressions.unwrap(expression);
        if (value instanceof JdbcParameter parameter) {
            return new Value(numbering.indexOf(parameter), null);
        }
        if (value instanceof LongValue || value instanceof StringValue) {
            return new Value(0, value.toString());
        }
        return null;
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
