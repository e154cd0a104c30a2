package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.statement.upsert.UpsertType;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Checks one parsed statement: builds its query blocks (SELECTs, sub-queries, CTEs, set-operation
 * branches, INSERT/UPDATE/DELETE/MERGE targets), has {@link BlockRestrictions} decide which tenant
 * tables are restricted, checks the tenant column written by INSERT, UPDATE and MERGE, and records
 * the tenant values, schema tenants and RLS values. A final walk over the whole statement is the
 * safety net: any tenant table that no check has judged is reported as not verifiable.
 */
final class StatementChecker {

    private static final String SEARCH_PATH = "search_path";

    private final TenantNames names;
    private final Findings findings;
    private final Map<Select, QueryBlock> blocks = new IdentityHashMap<>();
    private final Set<Select> analyzed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final OutputColumns outputs;
    private final TenantColumnWrites writes;
    private final WholeStatementChecks whole;

    private record JoinStep(Join join, List<Binding> brought, List<Binding> earlier) {
    }

    StatementChecker(TenantNames names, Findings findings) {
        this.names = names;
        this.findings = findings;
        this.outputs = new OutputColumns(names, findings, blocks);
        this.writes = new TenantColumnWrites(names, findings, outputs);
        this.whole = new WholeStatementChecks(names, findings);
    }

    static SqlOperation operationOf(Statement statement) {
        if (statement instanceof Select) {
            return SqlOperation.SELECT;
        } else if (statement instanceof Insert) {
            return SqlOperation.INSERT;
        } else if (statement instanceof Update) {
            return SqlOperation.UPDATE;
        } else if (statement instanceof Delete) {
            return SqlOperation.DELETE;
        } else if (statement instanceof Merge || statement instanceof Upsert) {
            return SqlOperation.MERGE;
        } else if (statement instanceof SetStatement) {
            return SqlOperation.SET;
        }
        return SqlOperation.OTHER;
    }

    void check(Statement statement) {
        QueryBlock root = new QueryBlock(null, "the statement");
        if (statement instanceof Select select) {
            select(select, root, "the SELECT");
        } else if (statement instanceof Insert insert) {
            insert(insert, root);
        } else if (statement instanceof Update update) {
            update(update, root);
        } else if (statement instanceof Delete delete) {
            delete(delete, root);
        } else if (statement instanceof Merge merge) {
            merge(merge, root);
        } else if (statement instanceof Upsert upsert) {
            upsert(upsert, root);
        } else if (statement instanceof SetStatement set) {
            set(set, root);
        } else {
            nestedQueries(statement, root, List.of());
        }
        whole.sessionFunctions(statement);
        whole.safetyNet(statement);
    }

    // ---- SELECT -------------------------------------------------------------------------------

    private void select(Select select, QueryBlock parent, String description) {
        if (!analyzed.add(select)) {
            return;
        }
        markJudged(select.getForUpdateTable()); // FOR UPDATE OF names an entry of the FROM
        QueryBlock scope = withClause(select.getWithItemsList(), parent);
        if (select instanceof PlainSelect plain) {
            plain(plain, scope, description);
        } else if (select instanceof SetOperationList operations) {
            String branch = operations.getOperations().isEmpty() ? "a branch"
                    : "a " + operations.getOperation(0).toString().split(" ")[0] + " branch";
            for (Select each : operations.getSelects()) {
                select(each, scope, branch);
            }
            nestedQueries(operations, scope, operations.getSelects());
        } else if (select instanceof ParenthesedSelect parenthesed && parenthesed.getSelect() != null) {
            select(parenthesed.getSelect(), scope, description);
            nestedQueries(parenthesed, scope, List.of(parenthesed.getSelect()));
        } else {
            nestedQueries(select, scope, List.of());
        }
    }

    private void plain(PlainSelect plain, QueryBlock scope, String description) {
        QueryBlock block = new QueryBlock(scope, description);
        blocks.put(plain, block);
        List<JoinStep> steps = new ArrayList<>();
        from(block, plain.getFromItem(), steps);
        joins(block, plain.getJoins(), steps);
        BlockRestrictions restrictions = restrictions(block);
        restrictions.where(plain.getWhere(), "WHERE");
        applyJoins(restrictions, steps);
        restrictions.solve();
        judge(block, restrictions);
        nestedQueries(plain, block, List.of());
    }

    /** A WITH clause: each CTE body is its own block; later CTEs and the main query see earlier ones. */
    private QueryBlock withClause(List<WithItem<?>> items, QueryBlock parent) {
        if (items == null || items.isEmpty()) {
            return parent;
        }
        QueryBlock scope = new QueryBlock(parent, parent.description);
        for (WithItem<?> item : items) {
            String name = TenantNames.normalize(item.getAlias().getName());
            ParenthesedStatement body = item.getParenthesedStatement();
            if (item.isRecursive() && body instanceof Select recursive) {
                scope.declareCte(name, recursive);
            }
            String description = "the CTE " + name;
            if (body instanceof ParenthesedSelect select) {
                select(select, scope, description);
            } else if (body instanceof ParenthesedInsert insert) {
                insert(insert.getInsert(), scope);
            } else if (body instanceof ParenthesedUpdate update) {
                update(update.getUpdate(), scope);
            } else if (body instanceof ParenthesedDelete delete) {
                delete(delete.getDelete(), scope);
            }
            if (body instanceof Select select) {
                scope.declareCte(name, select);
            }
        }
        return scope;
    }

    // ---- FROM and JOIN ------------------------------------------------------------------------

    /** Adds the bindings a FROM item brings in; derived tables are analyzed first, as their own blocks. */
    private List<Binding> from(QueryBlock block, FromItem item, List<JoinStep> steps) {
        if (item == null) {
            return List.of();
        }
        if (item instanceof Table table) {
            return List.of(tableBinding(block, table));
        }
        if (item instanceof ParenthesedSelect derived) {
            if (!(derived instanceof LateralSubSelect)) {
                // a derived table cannot see its siblings; a LATERAL one is analyzed with the block
                select(derived, block.parent, "a derived table");
            }
            return List.of(block.add(Binding.derived(block, aliasName(derived.getAlias()), derived.getAlias(), derived)));
        }
        if (item instanceof ParenthesedFromItem parenthesed) {
            FromItem inner = parenthesed.getFromItem();
            boolean noJoins = parenthesed.getJoins() == null || parenthesed.getJoins().isEmpty();
            if (noJoins && inner instanceof Select rows && parenthesed.getAlias() != null) {
                select(rows, block.parent, "a derived table");
                return List.of(block.add(
                        Binding.derived(block, aliasName(parenthesed.getAlias()), parenthesed.getAlias(), rows)));
            }
            List<Binding> brought = new ArrayList<>(from(block, inner, steps));
            brought.addAll(joins(block, parenthesed.getJoins(), steps));
            return brought;
        }
        if (item instanceof Values values) {
            select(values, block.parent, "a VALUES list");
            return List.of(block.add(Binding.derived(block, aliasName(values.getAlias()), values.getAlias(), values)));
        }
        return List.of(block.add(Binding.opaque(block, item.getAlias())));
    }

    private List<Binding> joins(QueryBlock block, List<Join> joins, List<JoinStep> steps) {
        List<Binding> brought = new ArrayList<>();
        if (joins == null) {
            return brought;
        }
        for (Join join : joins) {
            List<Binding> earlier = List.copyOf(block.bindings);
            List<Binding> bindings = from(block, join.getRightItem(), steps);
            steps.add(new JoinStep(join, bindings, earlier));
            brought.addAll(bindings);
        }
        return brought;
    }

    private Binding tableBinding(QueryBlock block, Table table) {
        String name = TenantNames.normalize(table.getName());
        Select cte = table.getSchemaName() == null ? block.cte(name) : null;
        if (cte != null) {
            // a CTE shadows a table of the same name: this is a reference to the CTE's rows
            markJudged(table);
            String bindingName = table.getAlias() == null ? name : aliasName(table.getAlias());
            return block.add(Binding.derived(block, bindingName, table.getAlias(), cte));
        }
        return block.add(Binding.table(block, table, names.isTenantTable(table)));
    }

    /** The ON of an inner or LEFT join restricts what it brings in; RIGHT and FULL keep all those rows. */
    private void applyJoins(BlockRestrictions restrictions, List<JoinStep> steps) {
        for (JoinStep step : steps) {
            Join join = step.join();
            if (join.isRight() || join.isFull()) {
                continue;
            }
            if (join.getOnExpressions() != null) {
                for (Expression on : join.getOnExpressions()) {
                    restrictions.on(on, step.brought(), "JOIN ON");
                }
            }
            restrictions.using(join.getUsingColumns(), step.brought(), step.earlier());
        }
    }

    private BlockRestrictions restrictions(QueryBlock block) {
        return new BlockRestrictions(block, names, binding ->
                (binding.owner != block && binding.owner.restricted.contains(binding))
                        || (binding.source != null && outputs.derivedRestricted(binding)));
    }

    /** Reports the block's unrestricted tenant tables and records the values that restrict the others. */
    private void judge(QueryBlock block, BlockRestrictions restrictions) {
        for (Binding binding : block.bindings) {
            if (!binding.tenant) {
                continue;
            }
            findings.judged(binding.table);
            findings.tenantTable(binding.tableName());
            if (!block.restricted.contains(binding)) {
                String orBreak = restrictions.orBreak(binding);
                findings.problem(binding.tableName(), binding.tableName() + " in " + block.description
                        + " is not restricted by " + names.column()
                        + (orBreak == null ? "" : ": the OR branch '" + orBreak + "' is not restricted"));
            }
        }
        for (BlockRestrictions.Fact fact : restrictions.effectiveFacts()) {
            for (Expression value : fact.values()) {
                findings.tenantValue(value, fact.binding().tableName(), fact.clause());
            }
        }
    }

    // ---- INSERT / UPSERT -----------------------------------------------------------------------

    private void insert(Insert insert, QueryBlock parent) {
        QueryBlock scope = withClause(insert.getWithItemsList(), parent);
        QueryBlock block = new QueryBlock(scope, "the INSERT");
        Binding target = block.add(Binding.table(block, insert.getTable(), names.isTenantTable(insert.getTable())));
        Select source = insert.getSelect();
        if (source != null) {
            select(source, scope, source instanceof Values ? "the VALUES" : "the INSERT … SELECT");
        }
        if (target.tenant) {
            String table = judgeTarget(target);
            writes.insertedRows(table, insert.getColumns(), source, insert.getSetUpdateSets());
            onConflict(insert, block, target);
            onDuplicateKey(insert.getDuplicateUpdateSets(), block, target);
        }
        nestedQueries(insert, block, source == null ? List.of() : List.of(source));
    }

    private void upsert(Upsert upsert, QueryBlock parent) {
        QueryBlock block = new QueryBlock(parent, "the UPSERT");
        Binding target = block.add(Binding.table(block, upsert.getTable(), names.isTenantTable(upsert.getTable())));
        Select source = upsert.getSelect();
        if (source != null) {
            select(source, parent, source instanceof Values ? "the VALUES" : "the UPSERT … SELECT");
        }
        if (target.tenant) {
            String table = judgeTarget(target);
            writes.insertedRows(table, upsert.getColumns(), source, upsert.getUpdateSets());
            UpsertType type = upsert.getUpsertType();
            if (type == UpsertType.REPLACE || type == UpsertType.REPLACE_SET || type == UpsertType.UPSERT
                    || type == UpsertType.INSERT_OR_REPLACE) {
                findings.problem(table, "the " + (type == UpsertType.UPSERT ? "UPSERT" : "REPLACE") + " into " + table
                        + " replaces the existing row whose key conflicts, whichever tenant owns it: a REPLACE cannot be"
                        + " restricted by " + names.column());
            }
            onDuplicateKey(upsert.getDuplicateUpdateSets(), block, target);
        }
        nestedQueries(upsert, block, source == null ? List.of() : List.of(source));
    }

    /**
     * {@code ON CONFLICT … DO UPDATE} updates the existing row that conflicts, which belongs to another
     * tenant unless the conflict key includes the tenant column or the DO UPDATE's WHERE restricts it.
     */
    private void onConflict(Insert insert, QueryBlock block, Binding target) {
        InsertConflictAction action = insert.getConflictAction();
        if (action == null || action.getConflictActionType() != ConflictActionType.DO_UPDATE) {
            return;
        }
        String table = target.tableName();
        for (UpdateSet set : nullToEmpty(action.getUpdateSets())) {
            writes.assignments(set, block, target, "ON CONFLICT … DO UPDATE", writes::isExcludedTenantColumn);
        }
        InsertConflictTarget conflictTarget = insert.getConflictTarget();
        if (conflictTarget != null && conflictTarget.getIndexColumnNames() != null
                && conflictTarget.getIndexColumnNames().stream().anyMatch(names::isTenantColumn)) {
            return;
        }
        BlockRestrictions restrictions = restrictions(block);
        restrictions.where(action.getWhereExpression(), "ON CONFLICT WHERE");
        restrictions.solve();
        if (block.restricted.contains(target)) {
            recordValues(restrictions);
        } else {
            findings.problem(table, "the ON CONFLICT … DO UPDATE of " + table + " may update another tenant's row: "
                    + "neither its conflict target nor its WHERE restricts " + names.column());
        }
    }

    /**
     * MySQL/MariaDB {@code ON DUPLICATE KEY UPDATE} updates the existing row whose key conflicts,
     * whichever tenant owns it, and has no WHERE. Each assignment must leave another tenant's row as
     * it is: a no-op ({@code c = c}), or guarded by the existing row's tenant,
     * {@code c = IF(tenant_id = <tenant>, new, c)} (the tenant value is then checked like any other).
     */
    private void onDuplicateKey(List<UpdateSet> sets, QueryBlock block, Binding target) {
        String clause = "ON DUPLICATE KEY UPDATE";
        for (UpdateSet set : nullToEmpty(sets)) {
            writes.assignments(set, block, target, clause, writes::isValuesOfTenantColumn);
            ExpressionList<Column> columns = set.getColumns();
            ExpressionList<?> values = set.getValues();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                Expression value = values == null || values.size() != columns.size() ? null : values.get(i);
                if (value == null || !(sameColumn(column, Expressions.unwrap(value)) || tenantGuarded(column, value, target))) {
                    findings.problem(target.tableName(), "the " + clause + " of " + target.tableName()
                            + " may update another tenant's row (the one whose key conflicts): its assignment to "
                            + column.getColumnName() + " is not guarded by IF(" + names.column() + " = …, new value, "
                            + column.getColumnName() + ")");
                    return;
                }
            }
        }
    }

    /** {@code IF(tenant_id = v, …, column)}: the existing row keeps its value unless it is the tenant's. */
    private boolean tenantGuarded(Column column, Expression value, Binding target) {
        if (!(Expressions.unwrap(value) instanceof Function function) || function.getName() == null
                || !"if".equals(TenantNames.normalize(function.getName())) || function.getParameters() == null
                || function.getParameters().size() != 3
                || !sameColumn(column, Expressions.unwrap((Expression) function.getParameters().get(2)))) {
            return false;
        }
        Expression condition = Expressions.unwrap((Expression) function.getParameters().get(0));
        for (Expression conjunct : Expressions.conjuncts(condition)) {
            if (conjunct instanceof EqualsTo equals) {
                Expression tenant = tenantColumn(equals.getLeftExpression()) ? equals.getRightExpression()
                        : tenantColumn(equals.getRightExpression()) ? equals.getLeftExpression() : null;
                if (tenant != null && findings.tenantValue(tenant, target.tableName(), "ON DUPLICATE KEY UPDATE IF")) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean tenantColumn(Expression expression) {
        Column column = Expressions.column(expression);
        return column != null && names.isTenantColumn(column.getColumnName());
    }

    private static boolean sameColumn(Column column, Expression value) {
        return value instanceof Column other && other.getColumnName() != null
                && TenantNames.normalize(other.getColumnName()).equals(TenantNames.normalize(column.getColumnName()));
    }

    // ---- UPDATE / DELETE -----------------------------------------------------------------------

    private void update(Update update, QueryBlock parent) {
        QueryBlock scope = withClause(update.getWithItemsList(), parent);
        QueryBlock block = new QueryBlock(scope, "the UPDATE");
        List<JoinStep> steps = new ArrayList<>();
        List<Binding> targets = from(block, update.getTable(), steps);
        joins(block, update.getStartJoins(), steps);
        from(block, update.getFromItem(), steps);
        joins(block, update.getJoins(), steps);
        BlockRestrictions restrictions = restrictions(block);
        restrictions.where(update.getWhere(), "WHERE");
        applyJoins(restrictions, steps);
        restrictions.solve();
        judge(block, restrictions);
        Binding target = targets.isEmpty() ? null : targets.get(0);
        for (UpdateSet set : nullToEmpty(update.getUpdateSets())) {
            writes.assignments(set, block, target, "UPDATE … SET", value -> false);
        }
        nestedQueries(update, block, List.of());
    }

    private void delete(Delete delete, QueryBlock parent) {
        QueryBlock scope = withClause(delete.getWithItemsList(), parent);
        QueryBlock block = new QueryBlock(scope, "the DELETE");
        List<JoinStep> steps = new ArrayList<>();
        from(block, delete.getTable(), steps);
        for (Table using : nullToEmpty(delete.getUsingList())) {
            from(block, using, steps);
        }
        joins(block, delete.getJoins(), steps);
        // MySQL's DELETE o FROM orders o …: the names before FROM are entries of the FROM, not tables
        nullToEmpty(delete.getTables()).forEach(this::markJudged);
        BlockRestrictions restrictions = restrictions(block);
        restrictions.where(delete.getWhere(), "WHERE");
        applyJoins(restrictions, steps);
        restrictions.solve();
        judge(block, restrictions);
        nestedQueries(delete, block, List.of());
    }

    // ---- MERGE ---------------------------------------------------------------------------------

    /**
     * MERGE: the ON must restrict the target when a WHEN MATCHED branch updates or deletes; inserted
     * rows must carry the tenant; a tenant table as the source is read whole (the ON does not filter
     * the source: unmatched source rows reach WHEN NOT MATCHED), so it must be a restricted sub-query.
     */
    private void merge(Merge merge, QueryBlock parent) {
        QueryBlock scope = withClause(merge.getWithItemsList(), parent);
        QueryBlock block = new QueryBlock(scope, "the MERGE");
        List<JoinStep> steps = new ArrayList<>();
        List<Binding> targets = from(block, merge.getTable(), steps);
        List<Binding> sources = from(block, merge.getFromItem(), steps);
        for (Binding source : sources) {
            if (source.tenant) {
                findings.judged(source.table);
                findings.tenantTable(source.tableName());
                findings.problem(source.tableName(), source.tableName() + " as the source of the MERGE is not restricted by "
                        + names.column() + " (the ON of a MERGE does not filter its source)");
            }
        }
        BlockRestrictions restrictions = restrictions(block);
        restrictions.on(merge.getOnCondition(), targets, "MERGE ON");
        restrictions.solve();
        Binding target = targets.isEmpty() ? null : targets.get(0);
        if (target != null && target.tenant) {
            String table = judgeTarget(target);
            List<MergeOperation> operations = nullToEmpty(merge.getOperations());
            boolean touchesMatched = operations.stream()
                    .anyMatch(operation -> operation instanceof MergeUpdate || operation instanceof MergeDelete);
            if (block.restricted.contains(target)) {
                recordValues(restrictions);
            } else if (touchesMatched) {
                findings.problem(table, table + " in the MERGE is not restricted by " + names.column() + " in its ON");
            }
            for (MergeOperation operation : operations) {
                if (operation instanceof MergeUpdate matched) {
                    for (UpdateSet set : nullToEmpty(matched.getUpdateSets())) {
                        writes.assignments(set, block, target, "MERGE … UPDATE", value -> false);
                    }
                } else if (operation instanceof MergeInsert inserted) {
                    writes.mergeInsert(inserted, block, table);
                }
            }
        }
        nestedQueries(merge, block, List.of());
    }

    // ---- SET and session functions ------------------------------------------------------------

    /** SET forms the lexer-level reader left to the parser (e.g. {@code SET @x = (SELECT …)}). */
    private void set(SetStatement set, QueryBlock root) {
        for (int i = 0; i < set.getCount(); i++) {
            String name = String.valueOf(set.getName(i));
            List<Expression> values = set.getExpressions(i);
            if (names.isRlsSetting(name)) {
                for (Expression value : nullToEmpty(values)) {
                    findings.rlsValue(names.rlsSetting(), value);
                }
            } else if (SEARCH_PATH.equals(TenantNames.normalize(name)) || "schema".equals(TenantNames.normalize(name))) {
                for (Expression value : nullToEmpty(values)) {
                    Expression schema = Expressions.unwrap(value);
                    whole.schemaSwitch(schema instanceof StringValue string ? string.getNotExcapedValue() : schema.toString());
                }
            }
        }
        nestedQueries(set, root, List.of());
    }

    // ---- generic parts -------------------------------------------------------------------------

    /**
     * Analyzes every query nested in {@code node} (sub-queries in expressions, select lists, SET
     * values, RETURNING, …) as a block inside {@code scope}, except those in {@code skip}.
     */
    private void nestedQueries(Object node, QueryBlock scope, Collection<?> skip) {
        Set<Object> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
        skipped.addAll(skip);
        AstWalker.walk(node, (child, parent) -> {
            if (child == node) {
                return true;
            }
            if (skipped.contains(child) || child instanceof WithItem<?>) {
                return false; // handled by the caller, or by withClause
            }
            if (child instanceof Select select) {
                select(select, scope, "a subquery");
                return false;
            }
            return true;
        });
    }

    private String judgeTarget(Binding target) {
        findings.judged(target.table);
        findings.tenantTable(target.tableName());
        return target.tableName();
    }

    private void recordValues(BlockRestrictions restrictions) {
        for (BlockRestrictions.Fact fact : restrictions.effectiveFacts()) {
            for (Expression value : fact.values()) {
                findings.tenantValue(value, fact.binding().tableName(), fact.clause());
            }
        }
    }

    private void markJudged(Table table) {
        if (table != null) {
            findings.judged(table);
        }
    }

    private static String aliasName(Alias alias) {
        return alias == null ? "" : TenantNames.normalize(alias.getName());
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
