package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
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
 * conjunct of the WHERE ({@code col = ?} or {@code col = literal}), so the rows written are a subset of
 * the rows the pins select, whatever else the WHERE says.
 *
 * @param table    the target, unqualified, lower case (as {@link SqlProblem#resource()} names it)
 * @param tableSql the target as the statement writes it (schema and quotes kept), for the lookup
 * @param reason   the reason of the problem this write raises, which the owner lookup may answer
 * @param pins     the columns pinned by the WHERE
 */
public record KeyedWrite(String table, String tableSql, String reason, List<Pin> pins) {

    /**
     * One pinned column.
     *
     * @param column    the column, lower case, unquoted (matched with the primary key's columns)
     * @param columnSql the column as the statement writes it
     * @param index     the JDBC parameter index of its value, or 0 for a literal
     * @param literal   the literal as written ({@code 5}, {@code 'a'}), or {@code null} for a parameter
     */
    public record Pin(String column, String columnSql, int index, String literal) {
    }

    public KeyedWrite {
        pins = List.copyOf(pins);
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
        for (Expression conjunct : Expressions.conjuncts(where)) {
            if (conjunct instanceof EqualsTo equals) {
                Pin pin = pin(equals.getLeftExpression(), equals.getRightExpression(), qualifier, numbering);
                if (pin == null) {
                    pin = pin(equals.getRightExpression(), equals.getLeftExpression(), qualifier, numbering);
                }
                if (pin != null) {
                    pins.add(pin);
                }
            }
        }
        if (pins.isEmpty()) {
            return null;
        }
        return new KeyedWrite(table, target.getFullyQualifiedName(), table + " in " + description + " is not restricted by " + names.column(),
                pins);
    }

    private static Pin pin(Expression side, Expression other, String qualifier, ParameterNumbering numbering) {
        Column column = Expressions.column(side);
        if (column == null) {
            return null;
        }
        Table owner = column.getTable();
        if (owner != null && owner.getName() != null
                && (owner.getSchemaName() != null || !TenantNames.normalize(owner.getName()).equals(qualifier))) {
            return null; // a column of something else: an outer reference is not a pin of this table
        }
        Expression value = Expressions.unwrap(other);
        String name = TenantNames.normalize(column.getColumnName());
        if (value instanceof JdbcParameter parameter) {
            return new Pin(name, column.getColumnName(), numbering.indexOf(parameter), null);
        }
        if (value instanceof LongValue || value instanceof StringValue) {
            return new Pin(name, column.getColumnName(), 0, value.toString());
        }
        return null;
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
