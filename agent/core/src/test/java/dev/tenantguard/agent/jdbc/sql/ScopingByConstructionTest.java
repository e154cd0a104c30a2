package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Statements generated with their scoping known by construction, checked against the analyzer:
 * every unscoped one is reported (no false allow) and every scoped one passes (no false refusal).
 * A predicate is scoped when it restricts the tenant column of the table it filters: an atom
 * {@code tenant_id = <value>} in any bind or quoting style is; other atoms ({@code id = ?},
 * {@code status IN (…)}, {@code NOT id > 3}, an atom on another alias) are not; {@code a AND b}
 * is scoped when either is, {@code a OR b} when both are. Sub-queries on the second tenant table
 * must be scoped on their own. Fixed seed and a short budget: the same cases run in CI each time.
 */
class ScopingByConstructionTest {
    private static final SqlTenantAnalyzer ANALYZER = new SqlTenantAnalyzer(
            "tenant_id", List.of("orders", "invoices"), List.of("tenant_{tenant}"), "app.tenant");

    /** A generated SQL fragment and whether it restricts the tenant column. */
    record Scoped(String sql, boolean scoped) {
    }

    @Property(tries = 400, seed = "20261206")
    void noFalseAllowAndNoFalseRefusal(@ForAll("statements") Scoped statement) {
        Statistics.label("scoping").collect(statement.scoped() ? "scoped" : "unscoped");
        Statistics.label("scoping").coverage(coverage -> {
            coverage.check("scoped").percentage(p -> p >= 20);
            coverage.check("unscoped").percentage(p -> p >= 20);
        });
        SqlAnalysis analysis = ANALYZER.analyze(statement.sql());
        if (statement.scoped()) {
            assertTrue(analysis.problems().isEmpty(), "scoped by construction, refused: " + statement.sql() + "\n" + analysis);
            assertTrue(analysis.literalTenants().stream().allMatch(l -> l.tenant().equals("acme")), analysis::toString);
        } else {
            assertFalse(analysis.problems().isEmpty(), "unscoped by construction, allowed: " + statement.sql() + "\n" + analysis);
        }
    }

    @Provide
    Arbitrary<Scoped> statements() {
        Arbitrary<String> table = Arbitraries.of("orders", "ORDERS", "\"orders\"", "public.orders");
        Arbitrary<Boolean> aliased = Arbitraries.of(true, false);
        return Combinators.combine(table, aliased, predicate(3, "o"), Arbitraries.of("SELECT", "UPDATE", "DELETE"),
                subquery()).as((t, useAlias, where, operation, sub) -> {
                    String alias = useAlias ? "o" : null;
                    String w = where.sql().replace("{a}", alias == null ? "" : alias + ".");
                    boolean scoped = where.scoped() && (sub == null || sub.scoped());
                    String full = sub == null ? w : "(" + w + ") AND id IN (" + sub.sql() + ")";
                    String from = t + (alias == null ? "" : " " + alias);
                    String sql = switch (operation) {
                        case "SELECT" -> "SELECT * FROM " + from + " WHERE " + full;
                        case "UPDATE" -> "UPDATE " + from + " SET status = 'x' WHERE " + full;
                        default -> "DELETE FROM " + from + " WHERE " + full;
                    };
                    return new Scoped(sql, scoped);
                });
    }

    /** An optional sub-query on invoices, scoped or not. */
    private Arbitrary<Scoped> subquery() {
        return predicate(2, "i").map(p -> new Scoped("SELECT i.order_id FROM invoices i WHERE "
                .concat(p.sql().replace("{a}", "i.")), p.scoped())).injectNull(0.6);
    }

    private Arbitrary<Scoped> predicate(int depth, String alias) {
        Arbitrary<Scoped> tenantAtom = Arbitraries.of(
                "{a}tenant_id = ?", "{a}tenant_id = 'acme'", "{a}TENANT_ID = ?", "{a}\"tenant_id\" = ?",
                "{a}tenant_id = CAST(? AS VARCHAR(64))", "{a}tenant_id = ?::text", "? = {a}tenant_id",
                "{a}tenant_id IN (?)", "({a}tenant_id = ?)").map(sql -> new Scoped(sql, true));
        Arbitrary<Scoped> otherAtom = Arbitraries.of(
                "{a}id = ?", "{a}status IN ('a', 'b')", "{a}id > 3", "NOT {a}id = 3", "{a}status = 'tenant_id = ''acme'''",
                "{a}status LIKE ?", "{a}tenant_id IS NOT NULL", "{a}tenant_id <> ?", "1 = 1").map(sql -> new Scoped(sql, false));
        Arbitrary<Scoped> atom = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, tenantAtom), net.jqwik.api.Tuple.of(3, otherAtom));
        if (depth == 0) {
            return atom;
        }
        Arbitrary<Scoped> smaller = predicate(depth - 1, alias);
        Arbitrary<Scoped> and = Combinators.combine(smaller, smaller)
                .as((a, b) -> new Scoped(a.sql() + " AND " + b.sql(), a.scoped() || b.scoped()));
        Arbitrary<Scoped> or = Combinators.combine(smaller, smaller)
                .as((a, b) -> new Scoped("(" + a.sql() + " OR " + b.sql() + ")", a.scoped() && b.scoped()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, atom), net.jqwik.api.Tuple.of(3, and),
                net.jqwik.api.Tuple.of(2, or));
    }
}
