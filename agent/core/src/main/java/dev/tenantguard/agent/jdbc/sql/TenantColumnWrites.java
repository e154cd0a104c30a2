package dev.tenantguard.agent.jdbc.sql;

import java.util.List;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Checks the tenant column that a statement writes: every row an INSERT, upsert or MERGE inserts
 * must carry a literal or {@code ?} tenant (recorded, for the caller to compare), or copy it from a
 * restricted source; {@code SET tenant_id = …} of an UPDATE, an upsert's update or a MERGE must set a
 * literal or {@code ?}, so that moving a row to another tenant is seen.
 */
final class TenantColumnWrites {

    private final TenantNames names;
    private final Findings findings;
    private final OutputColumns outputs;

    TenantColumnWrites(TenantNames names, Findings findings, OutputColumns outputs) {
        this.names = names;
        this.findings = findings;
        this.outputs = outputs;
    }

    /** Every inserted row must carry a literal or {@code ?} tenant, or copy it from a restricted table. */
    void insertedRows(String table, ExpressionList<Column> columns, Select source, List<UpdateSet> setForm) {
        if (setForm != null && !setForm.isEmpty()) { // MySQL INSERT … SET column = value, …
            boolean sets = false;
            for (UpdateSet set : setForm) {
                for (int i = 0; i < set.getColumns().size(); i++) {
                    if (names.isTenantColumn(set.getColumns().get(i).getColumnName())) {
                        sets = true;
                        Expression value = i < set.getValues().size() ? set.getValues().get(i) : null;
                        if (value == null || !findings.tenantValue(value, table, "SET")) {
                            findings.problem(table, "INSERT into " + table + " sets " + names.column() + " to '"
                                    + Expressions.quote(value) + "', not a literal or a '?'");
                        }
                    }
                }
            }
            if (!sets) {
                findings.problem(table, "INSERT into " + table + " does not set " + names.column());
            }
            return;
        }
        if (columns == null || columns.isEmpty()) {
            findings.unverifiable(table, "INSERT into " + table + " without a column list");
            return;
        }
        int position = -1;
        for (int i = 0; i < columns.size() && position < 0; i++) {
            if (names.isTenantColumn(columns.get(i).getColumnName())) {
                position = i;
            }
        }
        if (position < 0) {
            findings.problem(table, "INSERT into " + table + " does not set " + names.column());
        } else if (source == null) {
            findings.unverifiable(table, "INSERT into " + table + " has no VALUES or SELECT");
        } else {
            String reason = outputs.checkPosition(source, position, columns.size(), table, "INSERT … SELECT");
            if (reason != null) {
                findings.problem(table, "INSERT into " + table + ": " + reason);
            }
        }
    }

    /**
     * {@code SET tenant_id = value} of an UPDATE, upsert or MERGE: the value must be a literal or
     * {@code ?} (recorded: moving a row to another tenant is then caught), or what {@code copyAccepted}
     * allows (the inserted row's own value).
     */
    void assignments(UpdateSet set, QueryBlock block, Binding defaultTarget, String clause,
                             Predicate<Expression> copyAccepted) {
        ExpressionList<Column> columns = set.getColumns();
        ExpressionList<?> values = set.getValues();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (!names.isTenantColumn(column.getColumnName())) {
                continue;
            }
            Binding binding = column.getTable() == null || column.getTable().getName() == null
                    ? defaultTarget : block.find(column.getTable());
            if (binding == null) {
                binding = defaultTarget;
            }
            if (binding == null || !binding.tenant) {
                continue;
            }
            String table = binding.tableName();
            if (values == null || values.size() != columns.size()) {
                findings.unverifiable(table, clause + " sets " + names.column() + " of " + table + " from a sub-query");
                continue;
            }
            Expression value = values.get(i);
            if (!findings.tenantValue(value, table, clause) && !copyAccepted.test(value)) {
                findings.problem(table, clause + " sets " + names.column() + " of " + table + " to '"
                        + Expressions.quote(value) + "', not a literal or a '?'");
            }
        }
    }

    void mergeInsert(MergeInsert inserted, QueryBlock block, String table) {
        ExpressionList<Column> columns = inserted.getColumns();
        ExpressionList<Expression> values = inserted.getValues();
        if (columns == null || columns.isEmpty() || values == null) {
            findings.unverifiable(table, "MERGE … INSERT into " + table + " without a column list");
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!names.isTenantColumn(columns.get(i).getColumnName())) {
                continue;
            }
            Expression value = i < values.size() ? values.get(i) : null;
            if (value != null && (findings.tenantValue(value, table, "MERGE … INSERT") || isRestrictedCopy(value, block))) {
                return;
            }
            findings.problem(table, "MERGE … INSERT into " + table + " sets " + names.column() + " to '"
                    + Expressions.quote(value) + "', not a literal, a '?' or a restricted source column");
            return;
        }
        findings.problem(table, "MERGE … INSERT into " + table + " does not set " + names.column());
    }

    /** {@code s.tenant_id} where {@code s} is a derived source whose tenant column is verified. */
    private boolean isRestrictedCopy(Expression value, QueryBlock block) {
        Column column = Expressions.column(value);
        if (column == null || !names.isTenantColumn(column.getColumnName()) || column.getTable() == null
                || column.getTable().getName() == null) {
            return false;
        }
        Binding binding = block.find(column.getTable());
        return binding != null && binding.source != null && outputs.derivedRestricted(binding);
    }

    boolean isExcludedTenantColumn(Expression value) {
        Column column = Expressions.column(value);
        return column != null && names.isTenantColumn(column.getColumnName()) && column.getTable() != null
                && "excluded".equals(TenantNames.normalize(String.valueOf(column.getTable().getName())));
    }

    /** MySQL's {@code VALUES(tenant_id)}: the value the row being inserted has, which is checked. */
    boolean isValuesOfTenantColumn(Expression value) {
        if (Expressions.unwrap(value) instanceof Function function && "values".equalsIgnoreCase(function.getName())
                && function.getParameters() != null && function.getParameters().size() == 1) {
            Column column = Expressions.column(function.getParameters().get(0));
            return column != null && names.isTenantColumn(column.getColumnName());
        }
        return false;
    }
}
