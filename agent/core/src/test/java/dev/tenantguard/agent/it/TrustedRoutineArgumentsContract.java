package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A trusted routine that takes the tenant as an argument, under the real agent: the policy declares
 * it ({@code ta_delete_order(tenant, _)}), so acme's call with acme runs, acme's call with globex is a
 * crossing — refused in enforce with globex's row still there, run and recorded once in report — and
 * a tenant argument whose value the agent did not capture is not verified. Each with the table's tenant
 * column and the routine's tenant argument typed text, {@code BIGINT} and {@code UUID}
 * ({@link TenantColumnType}; a routine declares its argument {@code VARCHAR(64)} for the text type). Tables and
 * routines are prefixed {@code ta_}.
 */
abstract class TrustedRoutineArgumentsContract {
    static final String ROWS = "admin|-|SELECT CONCAT(id, ':', tenant_id) FROM ta_orders ORDER BY id|";
    static final String ALL = "OK [1:acme, 2:acme, 3:globex, 4:globex]";

    @TempDir
    Path root;

    abstract String url();

    abstract List<String> jvmOptions();

    /** Creates ta_orders and ta_delete_order(p_tenant, p_id), which deletes the row p_id of p_tenant. */
    abstract List<String> routines();

    /** The policy's trusted routines, as the list in YAML. */
    String trustedRoutines() {
        return "[\"ta_delete_order(tenant, _)\"]";
    }

    /** A case: the step, what it gets in enforce, and the rows after it in enforce and in report. */
    record Case(String step, String enforced, String rowsEnforced, String rowsReported) {
    }

    List<Case> cases() {
        return List.of(
                new Case("prep|acme|CALL ta_delete_order(?, ?)|acme,1", "OK", "OK [2:acme, 3:globex, 4:globex]",
                        "OK [2:acme, 3:globex, 4:globex]"),
                new Case("call|acme|{call ta_delete_order(?, ?)}|acme,2", "OK", "OK [1:acme, 3:globex, 4:globex]",
                        "OK [1:acme, 3:globex, 4:globex]"),
                new Case("prep|acme|CALL ta_delete_order(?, ?)|globex,3", "BLOCKED CROSS_TENANT", ALL,
                        "OK [1:acme, 2:acme, 4:globex]"),
                new Case("call|acme|{call ta_delete_order(?, ?)}|globex,4", "BLOCKED CROSS_TENANT", ALL,
                        "OK [1:acme, 2:acme, 3:globex]"),
                new Case("stmt|acme|CALL ta_delete_order('globex', 3)", "BLOCKED CROSS_TENANT", ALL,
                        "OK [1:acme, 2:acme, 4:globex]"),
                // the tenant argument left unbound (the driver refuses it in report)
                new Case("call|acme|{call ta_delete_order(?, ?)}|-,4", "BLOCKED NOT_VERIFIED", ALL, null),
                // another overload, or a default for the tenant: which argument is the tenant is not known
                new Case("stmt|acme|CALL ta_delete_order(3)", "BLOCKED NOT_VERIFIED", ALL, null));
    }

    @ParameterizedTest(name = "mode {0}, tenant column {1}")
    @CsvSource({"enforce, TEXT", "report, TEXT", "enforce, BIGINT", "report, BIGINT", "enforce, UUID", "report, UUID"})
    void aTrustedRoutineCannotNameAnotherTenant(String mode, TenantColumnType type) throws Exception {
        boolean enforce = mode.equals("enforce");
        List<String> steps = new ArrayList<>();
        for (String routine : routines()) {
            steps.add("admin|-|" + routine + "|");
        }
        int first = steps.size();
        for (Case c : cases()) {
            steps.add("admin|-|DELETE FROM ta_orders|");
            steps.add("admin|-|INSERT INTO ta_orders (id, tenant_id) VALUES (1, 'acme'), (2, 'acme'), (3, 'globex'),"
                    + " (4, 'globex')|");
            steps.add(c.step());
            steps.add(ROWS);
        }

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: " + mode + "\njdbc:\n  column: tenant_id\n"
                + "  tables: [ta_orders]\n  trustedRoutines: " + trustedRoutines() + "\n", jvmOptions(),
                steps.stream().map(type::step).toList());

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < first; i++) {
            assertTrue(result.step(i).startsWith("OK"), steps.get(i) + ": " + result.step(i));
        }
        int crossings = 0;
        int unverified = 0;
        for (int n = 0; n < cases().size(); n++) {
            Case c = cases().get(n);
            int at = first + 4 * n + 2;
            String outcome = result.step(at);
            String context = type.step(c.step()) + "\n" + outcome + "\n" + result.stderr();
            if (enforce) {
                assertTrue(outcome.startsWith(type.text(c.enforced())), context);
                assertEquals(type.text(c.rowsEnforced()), result.step(at + 1), context);
            } else if (c.rowsReported() != null) {
                assertTrue(outcome.startsWith("OK"), context);
                assertEquals(type.text(c.rowsReported()), result.step(at + 1), context);
            }
            crossings += c.enforced().equals("BLOCKED CROSS_TENANT") ? 1 : 0;
            unverified += c.enforced().equals("BLOCKED NOT_VERIFIED") ? 1 : 0;
        }
        if (!enforce) {
            String jsonl = Files.readString(root.resolve("violations.jsonl"));
            assertEquals(crossings, jsonl.lines().filter(l -> l.contains("\"kind\":\"CROSS_TENANT\"")
                    && l.contains(type.text("\"resourceTenant\":\"globex\"")) && l.contains("argument 1 of ta_")).count(), jsonl);
            assertEquals(unverified, jsonl.lines().filter(l -> l.contains("\"kind\":\"NOT_VERIFIED\"")
                    && l.contains("\"resource\":\"routine ta_")).count(), jsonl);
        }
    }
}
