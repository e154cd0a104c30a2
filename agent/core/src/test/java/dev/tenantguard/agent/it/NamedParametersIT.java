package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code CallableStatement} parameters bound by name ({@code setString("p_tenant", …)}), with the real
 * agent on MariaDB, whose driver maps names to the procedure's parameters: a call of a routine that is
 * not trusted is not verified, whatever tenant its arguments name — refused in enforce (acme's and
 * globex's rows both still there afterwards), run and recorded once each in report. pgjdbc does not
 * implement named parameters (it throws), so there is nothing of PostgreSQL to guard. A trusted routine's
 * tenant argument bound by name is checked like one bound by position.
 */
class NamedParametersIT {
    static final String ROWS = "admin|-|SELECT CONCAT(id, ':', tenant_id) FROM nm_orders ORDER BY id|";

    @TempDir
    Path root;

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void aCallBoundByNameIsNotVerified(String mode) throws Exception {
        callsBoundByName(mode);
    }

    /**
     * A trusted routine's tenant argument bound by name is checked at the index the MariaDB driver binds the
     * name to (its position among the routine's parameters): acme's call runs in both modes; globex's, with
     * the names bound in either order, is refused in enforce with globex's row still there, and runs and is
     * recorded (counted twice) in report.
     */
    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void aTrustedRoutinesTenantArgumentBoundByNameIsChecked(String mode) throws Exception {
        RealDatabase.require("MariaDB", 3306);
        boolean enforce = mode.equals("enforce");
        String call = "callnamed|acme|{call h1_nm_delete(?, ?)}|";
        String rows = "admin|-|SELECT CONCAT(id, ':', tenant_id) FROM h1_nm_orders ORDER BY id|";
        List<String> steps = List.of(
                "admin|-|DROP PROCEDURE IF EXISTS h1_nm_delete|",
                "admin|-|DROP TABLE IF EXISTS h1_nm_orders|",
                "admin|-|CREATE TABLE h1_nm_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)|",
                "admin|-|INSERT INTO h1_nm_orders (id, tenant_id) VALUES (1, 'acme'), (2, 'globex'), (3, 'acme')|",
                "admin|-|CREATE PROCEDURE h1_nm_delete(IN p_tenant VARCHAR(64), IN p_id INT)"
                        + " DELETE FROM h1_nm_orders WHERE tenant_id = p_tenant AND id = p_id|",
                call + "p_tenant=globex,p_id=2",
                rows,
                call + "p_id=2,p_tenant=globex",
                rows,
                call + "p_tenant=acme,p_id=1",
                rows,
                call + "p_id=3,p_tenant=acme",
                rows);

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, "jdbc:mariadb://127.0.0.1:3306/test",
                "mode: " + mode + "\njdbc:\n  column: tenant_id\n  tables: [h1_nm_orders]\n"
                        + "  trustedRoutines: [\"h1_nm_delete(tenant, _)\"]\n",
                List.of("-Dprobe.user=root"), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < 5; i++) {
            assertTrue(result.step(i).startsWith("OK"), steps.get(i) + ": " + result);
        }
        for (int i : new int[] {5, 7}) {
            assertTrue(result.step(i).startsWith(enforce ? "BLOCKED CROSS_TENANT" : "OK"), steps.get(i) + ": "
                    + result.step(i) + "\n" + result.stderr());
            assertEquals(enforce ? "OK [1:acme, 2:globex, 3:acme]" : "OK [1:acme, 3:acme]", result.step(i + 1),
                    "rows after " + steps.get(i));
        }
        assertEquals("OK []", result.step(9), steps.get(9) + "\n" + result.stderr());
        assertEquals(enforce ? "OK [2:globex, 3:acme]" : "OK [3:acme]", result.step(10), "acme's row 1 deleted");
        assertEquals("OK []", result.step(11), steps.get(11) + "\n" + result.stderr());
        assertEquals(enforce ? "OK [2:globex]" : "OK []", result.step(12), "acme's row 3 deleted");
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        List<String> records = jsonl.lines().filter(l -> l.contains("\"family\":\"jdbc\"")).toList();
        assertTrue(records.get(records.size() - 1).contains("\"count\":2"), jsonl); // the two calls of globex's row
        assertTrue(records.stream().allMatch(l -> l.contains("\"kind\":\"CROSS_TENANT\"")
                && l.contains("\"resourceTenant\":\"globex\"") && l.contains("argument 1 of h1_nm_delete")), jsonl);
    }

    private void callsBoundByName(String mode) throws Exception {
        RealDatabase.require("MariaDB", 3306);
        boolean enforce = mode.equals("enforce");
        String call = "callnamed|acme|{call nm_delete(?, ?)}|";
        List<String> steps = List.of(
                "admin|-|DROP PROCEDURE IF EXISTS nm_delete|",
                "admin|-|DROP TABLE IF EXISTS nm_orders|",
                "admin|-|CREATE TABLE nm_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)|",
                "admin|-|INSERT INTO nm_orders (id, tenant_id) VALUES (1, 'acme'), (2, 'globex')|",
                "admin|-|CREATE PROCEDURE nm_delete(IN p_tenant VARCHAR(64), IN p_id INT)"
                        + " DELETE FROM nm_orders WHERE tenant_id = p_tenant AND id = p_id|",
                call + "p_tenant=globex,p_id=2",
                ROWS,
                call + "p_tenant=acme,p_id=1",
                ROWS);

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, "jdbc:mariadb://127.0.0.1:3306/test",
                "mode: " + mode + "\njdbc:\n  column: tenant_id\n  tables: [nm_orders]\n",
                List.of("-Dprobe.user=root"), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < 5; i++) {
            assertTrue(result.step(i).startsWith("OK"), steps.get(i) + ": " + result);
        }
        if (enforce) {
            for (int i : new int[] {5, 7}) {
                assertTrue(result.step(i).startsWith("BLOCKED NOT_VERIFIED") && result.step(i).contains("nm_delete"),
                        steps.get(i) + ": " + result.step(i) + "\n" + result.stderr());
            }
            assertEquals("OK [1:acme, 2:globex]", result.step(6), "globex's row after the refused call");
            assertEquals("OK [1:acme, 2:globex]", result.step(8), "acme's row after the refused call");
        } else {
            assertEquals("OK [1:acme]", result.step(6), "report lets the call delete globex's row");
            assertEquals("OK []", result.step(8));
            String jsonl = Files.readString(root.resolve("violations.jsonl"));
            assertEquals(2, jsonl.lines().filter(l -> l.contains("\"kind\":\"NOT_VERIFIED\"")).count(), jsonl);
        }
    }
}
