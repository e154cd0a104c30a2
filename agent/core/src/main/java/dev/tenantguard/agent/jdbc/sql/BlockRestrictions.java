package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

/**
 * Decides which bindings of one query block are restricted to the current tenant, from the block's
 * WHERE and JOIN conditions.
 *
 * <p>A binding is restricted by a top-level AND conjunct {@code [alias.]column = value} (either side;
 * value = literal, {@code ?} or {@code :named}), or {@code column IN (value, …)}, or a row value that
 * holds the column ({@code (tenant_id, id) IN ((?, ?), (?, ?))}) — every value then has to be the
 * current tenant. A join equality {@code a.column = b.column} restricts one side when the other is
 * restricted (transitively; the other may be an enclosing block's, for correlated sub-queries, or a
 * derived table whose tenant column is verified). {@code a.column = t.other} restricts {@code a} when
 * the block fixes {@code t.other} to values ({@code t.other = ?}): those values are then {@code a}'s
 * tenant values (one step, qualified columns of this block only). An OR restricts a binding only
 * when every branch does. Anything else — {@code NOT}, {@code <>}, {@code LIKE}, functions of the
 * column, {@code 1=1}, {@code column = column} — restricts nothing.
 *
 * <p>Which conditions count for which binding follows the join semantics: WHERE filters the final
 * rows, so it restricts every binding; the ON of an inner or LEFT join restricts only the entries
 * that join brings in; the ON of a RIGHT or FULL join restricts nothing, since every row of the
 * side it brings in survives it.
 */
final class BlockRestrictions {

    /** A direct restriction: {@code binding}'s tenant column equals each of {@code values}. */
    record Fact(Binding binding, List<Expression> values, String clause) {
    }

    private record Edge(Binding from, Binding to) {
    }

    /** Another column than the tenant column, of one binding: {@code t.id}. */
    private record OtherColumn(Binding binding, String column) {
    }

    /** {@code binding}'s tenant column equals {@code other}: {@code o.tenant_id = t.id}. */
    private record Link(Binding binding, OtherColumn other, String clause) {
    }

    /** What one AND-list says: direct restrictions, equalities between bindings, broken ORs. */
    private static final class Conjunction {
        final List<Fact> facts = new ArrayList<>();
        final List<Binding[]> equalities = new ArrayList<>();
        final Map<Binding, String> orBreaks = new LinkedHashMap<>();
        /** {@code t.id = ?}: values of other columns (only the top-level AND-list's count). */
        final Map<OtherColumn, List<Expression>> otherValues = new LinkedHashMap<>();
        final List<Link> links = new ArrayList<>();
    }

    private final QueryBlock block;
    private final TenantNames names;
    private final Predicate<Binding> restrictedElsewhere;
    private final List<Fact> facts = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<Binding, String> orBreaks = new IdentityHashMap<>();
    private final Map<OtherColumn, List<Expression>> otherValues = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();

    /**
     * @param restrictedElsewhere whether a binding is restricted by something other than this block's
     *                            conditions: an enclosing block, or a derived table's own query
     */
    BlockRestrictions(QueryBlock block, TenantNames names, Predicate<Binding> restrictedElsewhere) {
        this.block = block;
        this.names = names;
        this.restrictedElsewhere = restrictedElsewhere;
    }

    /** A condition that filters the block's result rows (WHERE): it may restrict any binding. */
    void where(Expression condition, String clause) {
        if (condition == null) {
            return;
        }
        Conjunction c = conjunction(condition, clause);
        facts.addAll(c.facts);
        for (Binding[] pair : c.equalities) {
            edges.add(new Edge(pair[0], pair[1]));
            edges.add(new Edge(pair[1], pair[0]));
        }
        c.orBreaks.forEach(orBreaks::putIfAbsent);
        c.otherValues.forEach(otherValues::putIfAbsent); // rows hold the values of every condition: one list bounds them
        links.addAll(c.links);
    }

    /** A join condition: it may restrict only {@code targets}, the entries its join brings in. */
    void on(Expression condition, List<Binding> targets, String clause) {
        if (condition == null) {
            return;
        }
        Set<Binding> allowed = identitySet(targets);
        Conjunction c = conjunction(condition, clause);
        for (Fact fact : c.facts) {
            if (allowed.contains(fact.binding())) {
                facts.add(fact);
            }
        }
        for (Binding[] pair : c.equalities) {
            if (allowed.contains(pair[1])) {
                edges.add(new Edge(pair[0], pair[1]));
            }
            if (allowed.contains(pair[0])) {
                edges.add(new Edge(pair[1], pair[0]));
            }
        }
        c.orBreaks.forEach((binding, branch) -> {
            if (allowed.contains(binding)) {
                orBreaks.putIfAbsent(binding, branch);
            }
        });
        c.otherValues.forEach((column, values) -> {
            if (allowed.contains(column.binding())) {
                otherValues.putIfAbsent(column, values);
            }
        });
        for (Link link : c.links) {
            if (allowed.contains(link.binding())) {
                links.add(link);
            }
        }
    }

    /** {@code JOIN t USING (tenant_id)}: {@code targets} equal the earlier tenant tables' column. */
    void using(List<Column> columns, List<Binding> targets, List<Binding> earlier) {
        if (columns == null || columns.stream().noneMatch(column -> names.isTenantColumn(column.getColumnName()))) {
            return;
        }
        for (Binding target : targets) {
            for (Binding before : earlier) {
                if (before.tenant || before.source != null) {
                    edges.add(new Edge(before, target));
                }
            }
        }
    }

    /** Solves the block: fills {@link QueryBlock#restricted}. */
    void solve() {
        for (Link link : links) {
            List<Expression> values = otherValues.get(link.other());
            if (values != null) {
                // o.tenant_id = t.id and t.id = ?: o's tenant column holds the value bound to t.id
                facts.add(new Fact(link.binding(), values, link.clause()));
            }
        }
        Set<Binding> restricted = closure(facts, edges);
        for (Binding binding : block.bindings) {
            if (restricted.contains(binding)) {
                block.restricted.add(binding);
            }
        }
    }

    /** The direct restrictions of bindings that ended up restricted: their values must be recorded. */
    List<Fact> effectiveFacts() {
        return facts.stream().filter(fact -> block.restricted.contains(fact.binding())).toList();
    }

    /** The OR branch that kept {@code binding} from being restricted, quoted, or null. */
    String orBreak(Binding binding) {
        return orBreaks.get(binding);
    }

    private Conjunction conjunction(Expression condition, String clause) {
        Conjunction out = new Conjunction();
        for (Expression conjunct : Expressions.conjuncts(condition)) {
            if (conjunct instanceof OrExpression) {
                or(Expressions.disjuncts(conjunct), clause, out);
            } else if (conjunct instanceof EqualsTo equals && equals.getOldOracleJoinSyntax() == 0) {
                List<EqualsTo> pairs = RowValues.pairs(equals);
                for (int i = 0; i < pairs.size(); i++) {
                    equality(pairs.get(i), clause, out);
                }
            } else if (conjunct instanceof InExpression in && !in.isNot() && in.getOldOracleJoinSyntax() == 0) {
                in(in, clause, out);
            }
        }
        return out;
    }

    /** {@code column = value} (either side) restricts; {@code a.column = b.column} relates two bindings. */
    private void equality(EqualsTo equals, String clause, Conjunction out) {
        Expression left = equals.getLeftExpression();
        Expression right = equals.getRightExpression();
        Column leftColumn = tenantColumn(left);
        Column rightColumn = tenantColumn(right);
        if (leftColumn != null && Expressions.fixedValue(right) != null) {
            restrict(leftColumn, List.of(right), clause, out);
        } else if (rightColumn != null && Expressions.fixedValue(left) != null) {
            restrict(rightColumn, List.of(left), clause, out);
        } else if (leftColumn != null && rightColumn != null) {
            Binding a = endpoint(leftColumn);
            Binding b = endpoint(rightColumn);
            if (a != null && b != null && a != b) {
                out.equalities.add(new Binding[] {a, b});
            }
        } else if (leftColumn != null || rightColumn != null) {
            link(leftColumn != null ? leftColumn : rightColumn, leftColumn != null ? right : left, clause, out);
        } else {
            otherValue(left, right, out);
            otherValue(right, left, out);
        }
    }

    /** {@code o.tenant_id = t.id}: restricts {@code o} when {@code t.id} is fixed to values in this block. */
    private void link(Column tenantColumn, Expression other, String clause, Conjunction out) {
        OtherColumn column = otherColumn(other);
        Table qualifier = tenantColumn.getTable();
        Binding binding = qualifier == null || qualifier.getName() == null ? null : block.find(qualifier);
        if (column != null && binding != null && binding != column.binding()) {
            out.links.add(new Link(binding, column, clause));
        }
    }

    /** {@code t.id = ?}: the value of another column, qualified by a binding of this block. */
    private void otherValue(Expression side, Expression value, Conjunction out) {
        OtherColumn column = otherColumn(side);
        if (column != null && Expressions.fixedValue(value) != null) {
            out.otherValues.putIfAbsent(column, List.of(value));
        }
    }

    /**
     * A qualified column of a binding of this block that is not a tenant column, or null. Unqualified
     * names are left out: one could be an enclosing block's column.
     */
    private OtherColumn otherColumn(Expression expression) {
        Column column = Expressions.column(expression);
        if (column == null || names.isTenantColumn(column.getColumnName())) {
            return null;
        }
        Table qualifier = column.getTable();
        Binding binding = qualifier == null || qualifier.getName() == null ? null : block.find(qualifier);
        return binding == null ? null : new OtherColumn(binding, TenantNames.normalize(column.getColumnName()));
    }

    private void restrict(Column column, List<Expression> values, String clause, Conjunction out) {
        for (Binding binding : targetsOf(column)) {
            out.facts.add(new Fact(binding, values, clause));
        }
    }

    private void in(InExpression in, String clause, Conjunction out) {
        if (Expressions.unwrap(in.getLeftExpression()) instanceof ExpressionList<?> row) {
            rowIn(row, in.getRightExpression(), clause, out);
            return;
        }
        Column column = tenantColumn(in.getLeftExpression());
        if (column == null) {
            return;
        }
        Expression right = Expressions.unwrap(in.getRightExpression());
        List<Expression> values = new ArrayList<>();
        if (right instanceof ExpressionList<?> list) {
            values.addAll(list);
        } else {
            values.add(right);
        }
        if (values.isEmpty() || values.stream().anyMatch(value -> Expressions.fixedValue(value) == null)) {
            return;
        }
        restrict(column, List.copyOf(values), clause, out);
    }

    /**
     * {@code (t.tenant_id, t.id) IN ((?, ?), (?, ?))}: a row of {@code t} matches one of the listed rows,
     * so its tenant column equals one of the values at the tenant column's position — each of which must
     * then be the current tenant. A position with a computed value in any row restricts nothing.
     */
    private void rowIn(ExpressionList<?> columns, Expression right, String clause, Conjunction out) {
        List<ExpressionList<?>> rows = RowValues.rows(right, columns.size());
        if (rows == null) {
            return;
        }
        for (int position = 0; position < columns.size(); position++) {
            Column column = tenantColumn(columns.get(position));
            List<Expression> values = column == null ? null : RowValues.fixedAt(rows, position);
            if (values != null) {
                restrict(column, values, clause, out);
            }
        }
    }

    /** An OR restricts a binding when each branch does; the branches' values are all collected. */
    private void or(List<Expression> branches, String clause, Conjunction out) {
        List<Conjunction> conjunctions = new ArrayList<>();
        List<Set<Binding>> restrictedByBranch = new ArrayList<>();
        Set<Binding> candidates = new LinkedHashSet<>();
        for (Expression branch : branches) {
            Conjunction c = conjunction(branch, clause);
            List<Edge> branchEdges = new ArrayList<>();
            for (Binding[] pair : c.equalities) {
                branchEdges.add(new Edge(pair[0], pair[1]));
                branchEdges.add(new Edge(pair[1], pair[0]));
            }
            Set<Binding> restricted = closure(c.facts, branchEdges);
            conjunctions.add(c);
            restrictedByBranch.add(restricted);
            candidates.addAll(restricted);
        }
        for (Binding binding : candidates) {
            int failing = -1;
            for (int i = 0; i < branches.size() && failing < 0; i++) {
                if (!restrictedByBranch.get(i).contains(binding)) {
                    failing = i;
                }
            }
            if (failing >= 0) {
                out.orBreaks.putIfAbsent(binding, Expressions.quote(branches.get(failing)));
                continue;
            }
            List<Expression> values = new ArrayList<>();
            for (Conjunction c : conjunctions) {
                for (Fact fact : c.facts) {
                    if (fact.binding() == binding) {
                        values.addAll(fact.values());
                    }
                }
            }
            out.facts.add(new Fact(binding, values, clause));
        }
    }

    private Set<Binding> closure(List<Fact> direct, List<Edge> relations) {
        Set<Binding> restricted = identitySet(List.of());
        for (Fact fact : direct) {
            restricted.add(fact.binding());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Edge edge : relations) {
                if (!restricted.contains(edge.to())
                        && (restricted.contains(edge.from()) || restrictedElsewhere.test(edge.from()))) {
                    restricted.add(edge.to());
                    changed = true;
                }
            }
        }
        return restricted;
    }

    private Column tenantColumn(Expression expression) {
        Column column = Expressions.column(expression);
        return column != null && names.isTenantColumn(column.getColumnName()) ? column : null;
    }

    /** The bindings a tenant-column reference restricts: its qualifier's, or all tenant tables when unqualified. */
    private List<Binding> targetsOf(Column column) {
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            return block.tenantBindings();
        }
        Binding binding = block.find(qualifier);
        return binding == null ? List.of() : List.of(binding);
    }

    /** The one binding a side of a join equality refers to, in this block or an enclosing one. */
    private Binding endpoint(Column column) {
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            List<Binding> tenant = block.tenantBindings();
            return tenant.size() == 1 ? tenant.get(0) : null;
        }
        return block.findVisible(qualifier);
    }

    private static Set<Binding> identitySet(List<Binding> initial) {
        Set<Binding> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(initial);
        return set;
    }
}
