package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SQL the agent cannot see through, under the real agent: routines defined in the database,
 * dynamic SQL, code blocks, COPY — each is NOT_VERIFIED when the policy has tenant tables, except a
 * routine listed in {@code jdbc.trustedRoutines}. Every routine here deletes globex's rows: after
 * each refused call in enforce globex still has its rows; in report the call ran (globex lost them).
 * The trusted routine runs in both modes. Each on a text, a {@code BIGINT} and a {@code UUID} tenant column
 * ({@link TenantColumnType}): the routines and dynamic SQL delete by a literal of that type. Tables and routines
 * are prefixed {@code op_}.
 */
abstract class OpaqueSqlContract {
    static final String COUNTS = "admin|-|SELECT CONCAT(tenant_id, ':', count(*)) FROM op_orders GROUP BY tenant_id ORDER BY 1|";

    @TempDir
    Path root;

    abstract String url();

    List<String> jvmOptions() {
        return List.of();
    }

    /** The routines of this database (created in a privileged scope): op_purge and op_trusted delete globex's rows. */
    abstract List<String> routines();

    /** Steps, each of which would delete globex's rows, with the kind they get in enforce. */
    abstract List<String> opaqueSteps();

    /** A call of op_trusted, the routine the policy trusts. */
    abstract String trustedCall();

    String extraPolicy() {
        return "";
    }

    @ParameterizedTest(name = "mode {0}, tenant column {1}")
    @CsvSource({"enforce, TEXT", "report, TEXT", "enforce, BIGINT", "report, BIGINT", "enforce, UUID", "report, UUID"})
    void sqlTheAgentCannotSeeThroughIsNotVerifiedUnlessTrusted(String mode, TenantColumnType type) throws Exception {
        boolean enforce = mode.equals("enforce");
        List<String> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String routine : routines()) {
            steps.add("admin|-|" + routine + "|");
            expected.add("OK");
        }
        for (String step : opaqueSteps()) {
            reset(steps, expected);
            steps.add(step);
            expected.add(enforce ? "BLOCKED NOT_VERIFIED" : "");
            steps.add(COUNTS);
            expected.add(enforce ? "OK [acme:2, globex:2]" : "OK [acme:2]");
        }
        reset(steps, expected);
        steps.add(trustedCall());
        expected.add("OK");
        steps.add(COUNTS);
        expected.add("OK [acme:2]");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: " + mode + "\njdbc:\n  column: tenant_id\n"
                + "  tables: [op_orders]\n  trustedRoutines: [op_trusted]\n" + extraPolicy(), jvmOptions(),
                steps.stream().map(type::step).toList());

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            String wanted = type.text(expected.get(i));
            assertTrue(outcome.startsWith(wanted), "step " + i + " " + type.step(steps.get(i)) + "\nexpected "
                    + wanted + "\nbut was  " + outcome + "\n" + result.stderr());
            assertFalse(!enforce && outcome.startsWith("BLOCKED"), outcome);
        }
        assertTrue(result.stderr().contains("trusted routines, not verified: op_trusted"),
                "the start line names the trusted routines:\n" + result.stderr());
        if (!enforce) {
            String jsonl = Files.readString(root.resolve("violations.jsonl"));
            assertTrue(jsonl.contains("\"kind\":\"NOT_VERIFIED\""), jsonl);
            assertTrue(jsonl.contains("runs a routine defined in the database, whose statements the agent does not see"
                    + " (list it in jdbc.trustedRoutines once audited)"), jsonl);
        }
    }

    private static void reset(List<String> steps, List<String> expected) {
        steps.add("admin|-|DELETE FROM op_orders|");
        steps.add("admin|-|INSERT INTO op_orders (id, tenant_id) VALUES (1, 'acme'), (2, 'acme'), (3, 'globex'), (4, 'globex')|");
        expected.add("OK");
        expected.add("OK");
    }
}
