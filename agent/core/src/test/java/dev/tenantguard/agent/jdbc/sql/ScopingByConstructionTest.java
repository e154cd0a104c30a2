package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.fuzz.Corpus;
import dev.tenantguard.agent.fuzz.ScopedStatements;
import dev.tenantguard.agent.fuzz.SeededCases;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Statements generated with their scoping known by construction ({@link ScopedStatements}, every
 * dialect's spellings), checked against the analyzer: every unscoped one is reported (no false allow)
 * and every scoped one passes (no false refusal). Fixed seed and budget: the same cases run in every
 * build; the committed corpus ({@code fuzz/scoping-by-construction.txt}) runs first.
 */
class ScopingByConstructionTest {
    private static final SqlTenantAnalyzer ANALYZER = new SqlTenantAnalyzer(
            "tenant_id", List.of("orders", "invoices"), List.of("tenant_{tenant}"), "app.tenant");
    private static final ScopedStatements GENERATOR = new ScopedStatements(ScopedStatements.Dialect.ANY, "orders",
            "invoices", "acme");

    @Test
    void generatedStatementsHaveNoFalseAllowAndNoFalseRefusal() {
        AtomicInteger scoped = new AtomicInteger();
        AtomicInteger unscoped = new AtomicInteger();
        int budget = 600;
        SeededCases.run(20261206L, budget, GENERATOR::next, statement -> {
            (statement.scoped() ? scoped : unscoped).incrementAndGet();
            check(statement.sql(), statement.scoped());
        });
        if (System.getProperty("fuzz.case") == null) {
            // both halves must be exercised, or "no false allow" / "no false refusal" would hold vacuously
            assertTrue(scoped.get() >= budget / 5 && unscoped.get() >= budget / 5, scoped + " scoped, " + unscoped + " unscoped");
        }
    }

    /** UNIONs (also as a derived table) and each dialect's upserts, with their own budget and seed. */
    @Test
    void generatedUnionsAndUpsertsHaveNoFalseAllowAndNoFalseRefusal() {
        AtomicInteger scoped = new AtomicInteger();
        AtomicInteger unscoped = new AtomicInteger();
        int budget = 400;
        SeededCases.run(20261207L, budget, GENERATOR::nextUnionOrUpsert, statement -> {
            (statement.scoped() ? scoped : unscoped).incrementAndGet();
            check(statement.sql(), statement.scoped());
        });
        if (System.getProperty("fuzz.case") == null) {
            assertTrue(scoped.get() >= budget / 5 && unscoped.get() >= budget / 5, scoped + " scoped, " + unscoped + " unscoped");
        }
    }

    @Test
    void corpusStatements() {
        List<String> lines = Corpus.lines("scoping-by-construction");
        SeededCases.runAll("scoping-by-construction", lines, line -> {
            String[] parts = line.split("\t", 2);
            assertTrue(parts.length == 2 && (parts[0].equals("scoped") || parts[0].equals("unscoped")),
                    "a corpus line is 'scoped' or 'unscoped', a tab, the SQL: " + line);
            check(parts[1], parts[0].equals("scoped"));
        });
    }

    private static void check(String sql, boolean scoped) {
        SqlAnalysis analysis = ANALYZER.analyze(sql);
        if (scoped) {
            assertTrue(analysis.problems().isEmpty(), "scoped by construction, refused: " + sql + "\n" + analysis);
            assertTrue(analysis.literalTenants().stream().allMatch(l -> l.tenant().equals("acme")), analysis::toString);
        } else {
            assertFalse(analysis.problems().isEmpty(), "unscoped by construction, allowed: " + sql + "\n" + analysis);
        }
    }
}
