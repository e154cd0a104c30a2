package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session state that decides isolation, switched to another tenant by a statement that follows a
 * harmless one in the same string: the row-level security setting ({@code SET}, {@code SET SESSION … TO},
 * {@code set_config}) and the schema ({@code SET search_path}) on PostgreSQL, the database ({@code USE})
 * on MariaDB with {@code allowMultiQueries}. Under the real agent: in enforce each string is refused and
 * the session's setting read back is still acme's; in report it runs (the setting read back is globex's)
 * and is recorded. Schemas and databases are prefixed {@code h1s_}: the servers are shared.
 */
class MultiStatementSessionStateIT {
    private static final String PG_POLICY = "jdbc:\n  rlsSetting: app.tenant\n  schemas: [\"h1s_{tenant}\"]\n";
    private static final String MARIADB_POLICY = "jdbc:\n  schemas: [\"h1s_{tenant}\"]\n";
    private static final String SETTING = "stmt|acme|SELECT current_setting('app.tenant')";
    private static final String ACME_SETTING = "prep|acme|SELECT set_config('app.tenant', ?, false)|acme";

    @TempDir
    Path root;
    private final List<String> steps = new ArrayList<>();
    private final List<String> enforced = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    private final List<String> crossings = new ArrayList<>();

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void postgresSettingAndSearchPathSwitchedAfterAnotherStatementAreCrossings(String mode) throws Exception {
        RealDatabase.require("PostgreSQL", 5432);
        boolean first = true;
        for (String switchToGlobex : List.of("SELECT 1; SET app.tenant = 'globex'",
                "SELECT 1; SET SESSION app.tenant TO globex",
                "SELECT 1; SELECT set_config('app.tenant', 'globex', false)")) {
            step(ACME_SETTING, "OK [acme]", "OK [acme]");
            crossing("stmt|acme|" + switchToGlobex, first);
            first = false;
            step(SETTING, "OK [acme]", "OK [globex]");
        }
        step("stmt|acme|SET search_path TO public", "OK", "OK");
        crossing("stmt|acme|SELECT 1; SET search_path TO h1s_globex", true);
        step("admin|-|SELECT current_setting('search_path')|", "OK [public]", "OK [h1s_globex]");

        run(mode, "jdbc:postgresql://127.0.0.1:5432/test", PG_POLICY, "-Dprobe.user=postgres");
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void mariaDbUseOfAnotherTenantsDatabaseAfterAnotherStatementIsACrossing(String mode) throws Exception {
        RealDatabase.require("MariaDB", 3306);
        step("admin|-|CREATE DATABASE IF NOT EXISTS h1s_globex|", "OK", "OK");
        crossing("stmt|acme|SELECT 1; USE h1s_globex", true);
        step("admin|-|SELECT DATABASE()|", "OK [test]", "OK [h1s_globex]");

        run(mode, "jdbc:mariadb://127.0.0.1:3306/test?allowMultiQueries=true", MARIADB_POLICY, "-Dprobe.user=root");
    }

    private void step(String step, String enforce, String report) {
        steps.add(step);
        enforced.add(enforce);
        reported.add(report);
    }

    /**
     * A string whose second statement switches the session to globex: refused in enforce, run in report.
     * Repeats of a kind, rule and call site share one record line: only the first of a rule is looked for.
     */
    private void crossing(String step, boolean firstOfItsRule) {
        step(step, "BLOCKED CROSS_TENANT", "OK [1]");
        if (firstOfItsRule) {
            crossings.add(step.split("\\|")[2]);
        }
    }

    private void run(String mode, String url, String policy, String user) throws Exception {
        boolean enforce = mode.equals("enforce");
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url, "mode: " + mode + "\n" + policy, List.of(user),
                steps);

        assertEquals(0, result.exitCode(), result.toString());
        List<String> expected = enforce ? enforced : reported;
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected " + expected.get(i)
                    + "\nbut was  " + outcome + "\n" + result.stderr());
        }
        List<String> lines = Files.readAllLines(root.resolve("violations.jsonl"));
        String action = enforce ? "\"action\":\"BLOCKED\"" : "\"action\":\"REPORTED\"";
        for (String sql : crossings) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"kind\":\"CROSS_TENANT\"") && l.contains(action)
                    && l.contains("\"sql\":\"" + sql + "\"")), sql + " recorded:\n" + String.join("\n", lines));
        }
    }
}
