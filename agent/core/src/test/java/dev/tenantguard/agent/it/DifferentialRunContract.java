package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.fuzz.ScopedStatements;
import dev.tenantguard.agent.fuzz.SeededCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential run: statements of the scoping-by-construction generator ({@link ScopedStatements},
 * this database's spellings) executed under the real agent in enforce mode, as tenant acme, on tables
 * seeded with the rows of three tenants (and invoices that point at another tenant's order), each in
 * a transaction rolled back after it. What each statement did is read from the database
 * ({@code DifferentialApp}): an allowed statement returned, changed, deleted, inserted and copied only
 * acme's rows; a refused one changed nothing; every statement scoped by construction is allowed and
 * every unscoped one refused; and a <em>wide</em> one (its predicate keeps every other tenant's row),
 * run again in a privileged scope, does reach another tenant's rows. Fixed seed and budget.
 */
abstract class DifferentialRunContract {
    static final String POLICY = "mode: enforce\njdbc:\n  column: tenant_id\n  tables: [df_orders, df_invoices]\n";
    static final int BUDGET = 150;

    @TempDir
    Path root;

    abstract String url();

    abstract ScopedStatements.Dialect dialect();

    List<String> jvmOptions() {
        return List.of();
    }

    @Test
    void generatedStatementsTouchOnlyTheActiveTenantsRowsWhenAllowedAndNothingWhenRefused() throws Exception {
        ScopedStatements generator = new ScopedStatements(dialect(), "df_orders", "df_invoices", "acme");
        List<ScopedStatements.Generated> statements = new ArrayList<>();
        SeededCases.run(20261207L, BUDGET, generator::next, statements::add);
        List<String> lines = new ArrayList<>();
        for (ScopedStatements.Generated statement : statements) {
            lines.add(statement.sql() + "\t" + String.join("\u001f", statement.binds()));
        }
        Path file = Files.write(root.resolve("statements.txt"), lines);

        List<String> setup = new ArrayList<>(List.of(
                "admin|-|DROP TABLE IF EXISTS df_invoices|", "admin|-|DROP TABLE IF EXISTS df_orders|",
                "admin|-|CREATE TABLE df_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, status VARCHAR(64))|",
                "admin|-|CREATE TABLE df_invoices (id INT PRIMARY KEY, order_id INT, tenant_id VARCHAR(64) NOT NULL,"
                        + " status VARCHAR(64))|",
                "admin|-|INSERT INTO df_orders (id, tenant_id, status) VALUES (1, 'acme', 'a'), (2, 'globex', 'a'),"
                        + " (3, 'initech', 'b'), (4, 'acme', 'b'), (5, 'globex', 'open'), (6, 'initech', 'a'),"
                        + " (7, 'acme', 'open'), (8, 'globex', 'b'), (9, 'initech', 'open')|",
                // one invoice per order in its tenant, and two that point at another tenant's order
                "admin|-|INSERT INTO df_invoices (id, order_id, tenant_id, status) VALUES (11, 1, 'acme', 'a'),"
                        + " (12, 2, 'globex', 'a'), (13, 3, 'initech', 'b'), (14, 4, 'acme', 'b'), (15, 5, 'globex', 'a'),"
                        + " (16, 6, 'initech', 'b'), (17, 7, 'acme', 'open'), (18, 8, 'globex', 'b'),"
                        + " (19, 9, 'initech', 'open'), (20, 1, 'globex', 'a'), (21, 4, 'initech', 'b')|"));
        ForkedJvm.Result seeded = JdbcEnforcementContract.run(root, url(), POLICY, jvmOptions(), setup);
        for (int i = 0; i < setup.size(); i++) {
            assertTrue(seeded.step(i).startsWith("OK"), setup.get(i) + ": " + seeded);
        }

        Path policy = Files.writeString(root.resolve("tenant-guard.yaml"), POLICY);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, jvmOptions(), Map.of(),
                com.example.probe.DifferentialApp.class.getName(), List.of(url(), "df_orders", file.toString()),
                JdbcEnforcementContract.driverClassPath());
        assertEquals(0, result.exitCode(), result.toString());

        int allowed = 0;
        int refused = 0;
        int wide = 0;
        for (int i = 0; i < statements.size(); i++) {
            ScopedStatements.Generated statement = statements.get(i);
            String outcome = caseLine(result.stdout(), i);
            String context = "case " + i + " " + statement + "\n" + outcome;
            assertTrue(!outcome.startsWith("FAILED"), "the database rejected a generated statement: " + context);
            if (outcome.startsWith("ALLOWED")) {
                allowed++;
                assertTrue(statement.scoped(), "allowed, but unscoped by construction: " + context);
                for (String part : List.of("returned", "touched", "copied")) {
                    String tenants = field(outcome, part);
                    assertTrue(tenants.isEmpty() || tenants.equals("acme"), "an allowed statement " + part + " "
                            + tenants + ": " + context);
                }
            } else {
                refused++;
                assertTrue(outcome.startsWith("BLOCKED"), context);
                assertTrue(!statement.scoped(), "refused, but scoped by construction: " + context);
                assertEquals("", field(outcome, "touched"), "a refused statement changed rows: " + context);
                if (statement.wide()) {
                    wide++;
                    String reach = field(outcome, "reach");
                    assertTrue(reach.contains("globex") || reach.contains("initech"),
                            "a wide statement reaches no other tenant's row: " + context);
                }
            }
        }
        assertTrue(allowed >= BUDGET / 5 && refused >= BUDGET / 5 && wide > 0,
                allowed + " allowed, " + refused + " refused, " + wide + " wide");
    }

    private static String caseLine(String stdout, int index) {
        String prefix = "CASE " + index + " ";
        return stdout.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElse("missing");
    }

    /** The tenants of one part of a case line, e.g. {@code touched=[acme, globex]} -> "acme, globex". */
    private static String field(String outcome, String name) {
        int at = outcome.indexOf(name + "=[");
        if (at < 0) {
            return "";
        }
        int start = at + name.length() + 2;
        return outcome.substring(start, outcome.indexOf(']', start));
    }
}
