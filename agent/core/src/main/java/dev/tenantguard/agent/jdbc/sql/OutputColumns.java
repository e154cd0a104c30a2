package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;

/**
 * Verifies the tenant column of the rows a query produces: for {@code INSERT … SELECT}, for the
 * source of a MERGE, and for derived tables and CTEs used in join equalities. Each row's value must
 * be a literal or {@code ?} (recorded as a tenant value) or copied from a restricted tenant table of
 * the producing query block.
 */
final class OutputColumns {

    private final TenantNames names;
    private final Findings findings;
    private final Map<Select, QueryBlock> blocks;
    private final Map<Binding, Boolean> derived = new IdentityHashMap<>();

    OutputColumns(TenantNames names, Findings findings, Map<Select, QueryBlock> blocks) {
        this.names = names;
        this.findings = findings;
        this.blocks = blocks;
    }

    /**
     * Checks the column at {@code position} (0-based) of every row {@code query} produces.
     *
     * @param columnCount how many columns the rows have, or -1 when unknown
     * @return null when verified (values recorded under {@code table}), else why not
     */
    String checkPosition(Select query, int position, int columnCount, String table, String clause) {
        return check(query, position, null, columnCount, table, clause);
    }

    /** Checks the output column named {@code column}; see {@link #checkPosition}. */
    String checkName(Select query, String column, String table, String clause) {
        return check(query, -1, column, -1, table, clause);
    }

    /** Whether a derived table or CTE yields only rows of the current tenant in its tenant column. */
    boolean derivedRestricted(Binding binding) {
        if (binding.source == null) {
            return false;
        }
        Boolean known = derived.get(binding);
        if (known != null) {
            return known;
        }
        derived.put(binding, false); // a recursive CTE refers to itself: not verified through itself
        String clause = "derived table " + binding.name;
        String reason;
        if (binding.columnAliases.isEmpty()) {
            reason = checkName(binding.source, names.column(), binding.name, clause);
        } else {
            int position = binding.columnAliases.indexOf(names.column());
            reason = position < 0 ? "no tenant column"
                    : checkPosition(binding.source, position, binding.columnAliases.size(), binding.name, clause);
        }
        derived.put(binding, reason == null);
        return reason == null;
    }

    private String check(Select query, int position, String name, int columnCount, String table, String clause) {
        Select select = query;
        while (select instanceof ParenthesedSelect parenthesed) {
            select = parenthesed.getSelect();
        }
        if (select instanceof PlainSelect plain) {
            return checkPlain(plain, position, name, table, clause);
        }
        if (select instanceof SetOperationList operations) {
            for (Select branch : operations.getSelects()) {
                String reason = check(branch, position, name, columnCount, table, clause);
                if (reason != null) {
                    return reason;
                }
            }
            return null;
        }
        if (select instanceof Values values && position >= 0) {
            return checkValues(values, position, columnCount, table);
        }
        return "the rows come from '" + Expressions.quote(query) + "', where " + names.column()
                + " cannot be followed";
    }

    private String checkPlain(PlainSelect plain, int position, String name, String table, String clause) {
        QueryBlock block = blocks.get(plain);
        List<SelectItem<?>> items = plain.getSelectItems();
        if (block == null || items == null) {
            return "the query could not be followed";
        }
        SelectItem<?> item = null;
        if (position >= 0) {
            for (int i = 0; i <= position && i < items.size(); i++) {
                if (isStar(items.get(i).getExpression())) {
                    return "'*' hides which column gives " + names.column();
                }
            }
            item = position < items.size() ? items.get(position) : null;
        } else {
            item = itemNamed(items, name);
            if (item == null) {
                return starFromRestricted(items, block) ? null : "no restricted " + name + " column is selected";
            }
        }
        if (item == null) {
            return "the query selects fewer columns than are inserted";
        }
        Expression expression = item.getExpression();
        if (findings.tenantValue(expression, table, clause)) {
            return null;
        }
        Column column = Expressions.column(expression);
        if (column != null && names.isTenantColumn(column.getColumnName())
                && isRestricted(block, bindingOf(column, block))) {
            return null;
        }
        return names.column() + " comes from '" + Expressions.quote(expression)
                + "', not from a literal, a '?' or a restricted tenant table";
    }

    private String checkValues(Values values, int position, int columnCount, String table) {
        List<List<Expression>> rows = rows(values, columnCount);
        for (int i = 0; i < rows.size(); i++) {
            List<Expression> row = rows.get(i);
            String clause = "VALUES row " + (i + 1);
            if (position >= row.size()) {
                return clause + " has no value for " + names.column();
            }
            if (!findings.tenantValue(row.get(position), table, clause)) {
                return clause + " sets " + names.column() + " to '" + Expressions.quote(row.get(position))
                        + "', not a literal or a '?'";
            }
        }
        return null;
    }

    /**
     * The rows of a VALUES list. JSqlParser gives one row as a parenthesized list of values, several
     * rows as a list of parenthesized lists, and {@code VALUES 1, 2} as a bare list.
     */
    static List<List<Expression>> rows(Values values, int columnCount) {
        ExpressionList<?> list = values.getExpressions();
        List<List<Expression>> rows = new ArrayList<>();
        if (list == null) {
            return rows;
        }
        boolean listOfRows = !(list instanceof ParenthesedExpressionList<?>) && !list.isEmpty()
                && list.stream().allMatch(element -> element instanceof ExpressionList<?>);
        if (listOfRows) {
            for (Expression row : list) {
                rows.add(new ArrayList<>((ExpressionList<?>) row));
            }
        } else if (list instanceof ParenthesedExpressionList<?> || columnCount != 1) {
            rows.add(new ArrayList<>(list));
        } else {
            for (Expression value : list) {
                rows.add(List.of(value));
            }
        }
        return rows;
    }

    private SelectItem<?> itemNamed(List<SelectItem<?>> items, String name) {
        for (SelectItem<?> item : items) {
            if (item.getAlias() != null) {
                if (TenantNames.normalize(item.getAlias().getName()).equals(name)) {
                    return item;
                }
            } else {
                Column column = Expressions.column(item.getExpression());
                if (column != null && TenantNames.normalize(column.getColumnName()).equals(name)) {
                    return item;
                }
            }
        }
        return null;
    }

    /** {@code SELECT *} of a single restricted tenant table, or {@code SELECT o.*} of a restricted {@code o}. */
    private boolean starFromRestricted(List<SelectItem<?>> items, QueryBlock block) {
        for (SelectItem<?> item : items) {
            Expression expression = item.getExpression();
            if (expression instanceof AllTableColumns tableColumns) {
                Binding binding = block.find(tableColumns.getTable());
                if (binding != null && binding.tenant && isRestricted(block, binding)) {
                    return true;
                }
            } else if (expression instanceof AllColumns && block.bindings.size() == 1
                    && block.bindings.get(0).tenant && isRestricted(block, block.bindings.get(0))) {
                return true;
            }
        }
        return false;
    }

    private Binding bindingOf(Column column, QueryBlock block) {
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            List<Binding> tenant = block.tenantBindings();
            if (tenant.size() == 1) {
                return tenant.get(0);
            }
            return block.bindings.size() == 1 ? block.bindings.get(0) : null;
        }
        return block.find(qualifier);
    }

    private boolean isRestricted(QueryBlock block, Binding binding) {
        if (binding == null) {
            return false;
        }
        if (binding.tenant) {
            return block.restricted.contains(binding);
        }
        return binding.source != null && (block.restricted.contains(binding) || derivedRestricted(binding));
    }

    private static boolean isStar(Expression expression) {
        return expression instanceof AllColumns || expression instanceof AllTableColumns;
    }
}
