package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The join shapes ORMs generate, under the real agent: a fetch join whose ON ties the tenant columns,
 * pagination, a row-number wrapper, a collection load by a composite key as row values, and a join to a
 * table whose key is the tenant — allowed with only the tenant's rows; the same shapes with another
 * tenant's value are refused. A join on another key ({@code p.owner_id = o.id}) reaches globex's pet that
 * points at acme's owner: refused in enforce, and in report it is run and the pet is read, which is why.
 * Each on text, {@code BIGINT} and {@code UUID} tenant columns ({@link TenantColumnType}). Tables
 * {@code js_*}: the servers are shared.
 */
abstract class JoinScopingContract {
    static final String POLICY = "jdbc:\n  column: tenant_id\n  tables: [js_owners, js_pets, js_visits]\n";
    static final String BY_OWNER_KEY = "prep|acme|SELECT p.name FROM js_owners o JOIN js_pets p ON p.owner_id = o.id"
            + " WHERE o.tenant_id = ? ORDER BY p.name|acme";
    static final String GLOBEX_TUPLE = "prep|acme|SELECT p.name FROM js_pets p WHERE (p.tenant_id, p.owner_id) IN ((?, ?), (?, ?))"
            + " ORDER BY p.name|acme,1,globex,2";
    static final String DELETE_GLOBEX_TUPLE = "prep|acme|DELETE FROM js_pets WHERE (tenant_id, id) IN ((?, ?), (?, ?))"
            + "|acme,99,globex,20";
    static final String PETS = "admin|-|SELECT CONCAT(tenant_id, ':', id) FROM js_pets ORDER BY id|";

    @TempDir
    Path root;

    abstract String url();

    List<String> jvmOptions() {
        return List.of();
    }

    private static List<String> setup() {
        return List.of(
                "admin|-|DROP TABLE IF EXISTS js_visits|",
                "admin|-|DROP TABLE IF EXISTS js_pets|",
                "admin|-|DROP TABLE IF EXISTS js_owners|",
                "admin|-|DROP TABLE IF EXISTS js_tenants|",
                "admin|-|CREATE TABLE js_tenants (id VARCHAR(64) PRIMARY KEY, name VARCHAR(100))|",
                "admin|-|INSERT INTO js_tenants (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')|",
                "admin|-|CREATE TABLE js_owners (tenant_id VARCHAR(64) NOT NULL, id INT PRIMARY KEY, name VARCHAR(100))|",
                "admin|-|INSERT INTO js_owners (tenant_id, id, name) VALUES ('acme', 1, 'alice'), ('globex', 2, 'gus'),"
                        + " ('acme', 3, 'ann')|",
                "admin|-|CREATE TABLE js_pets (tenant_id VARCHAR(64) NOT NULL, id INT PRIMARY KEY, owner_id INT, name VARCHAR(100))|",
                // pet 21 is globex's and points at acme's owner: nothing in the schema ties a pet's tenant to its owner's
                "admin|-|INSERT INTO js_pets (tenant_id, id, owner_id, name) VALUES ('acme', 10, 1, 'fido'), ('acme', 11, 1, 'rex'),"
                        + " ('globex', 20, 2, 'gizmo'), ('globex', 21, 1, 'stray')|",
                "admin|-|CREATE TABLE js_visits (tenant_id VARCHAR(64) NOT NULL, id INT PRIMARY KEY, pet_id INT)|",
                "admin|-|INSERT INTO js_visits (tenant_id, id, pet_id) VALUES ('acme', 100, 10), ('globex', 300, 10)|");
    }

    @ParameterizedTest(name = "tenant column {0}")
    @EnumSource(TenantColumnType.class)
    void joinsScopedThroughTheTenantColumnsAreAllowedAndTheOthersRefusedWithNoEffect(TenantColumnType type) throws Exception {
        List<String> steps = new ArrayList<>(setup());
        List<String> expected = new ArrayList<>(setup().stream().map(s -> "OK").toList());
        // fetch join, pagination, row-number wrapper: the tenant's rows only
        add(steps, expected, "prep|acme|SELECT p.name FROM js_owners o LEFT JOIN js_pets p ON p.tenant_id = o.tenant_id"
                + " AND p.owner_id = o.id WHERE o.tenant_id = ? AND o.id = ? ORDER BY p.name|acme,1", "OK [fido, rex]");
        add(steps, expected, "prep|acme|SELECT p.name FROM js_owners o JOIN js_pets p ON p.tenant_id = o.tenant_id"
                + " AND p.owner_id = o.id WHERE o.tenant_id = ? ORDER BY p.name OFFSET ? ROWS FETCH FIRST ? ROWS ONLY|acme,1,1",
                "OK [rex]");
        add(steps, expected, "prep|acme|SELECT r.name FROM (SELECT p.name, ROW_NUMBER() OVER (ORDER BY p.name) rn FROM js_pets p"
                + " WHERE p.tenant_id = ?) r WHERE r.rn <= ? ORDER BY r.rn|acme,1", "OK [fido]");
        // a collection load by a composite key: each row's tenant is compared
        add(steps, expected, "prep|acme|SELECT p.name FROM js_pets p WHERE (p.tenant_id, p.owner_id) IN ((?, ?), (?, ?))"
                + " ORDER BY p.name|acme,1,acme,3", "OK [fido, rex]");
        add(steps, expected, GLOBEX_TUPLE, "BLOCKED CROSS_TENANT");
        add(steps, expected, DELETE_GLOBEX_TUPLE, "BLOCKED CROSS_TENANT");
        // the tenant column equals the key of a table fixed to a bound tenant; a literal per text of one shape
        add(steps, expected, "prep|acme|SELECT o.name FROM js_tenants t JOIN js_owners o ON o.tenant_id = t.id WHERE t.id = ?"
                + " ORDER BY o.name|acme", "OK [alice, ann]");
        add(steps, expected, "prep|acme|SELECT o.name FROM js_tenants t JOIN js_owners o ON o.tenant_id = t.id WHERE t.id = ?"
                + "|globex", "BLOCKED CROSS_TENANT");
        add(steps, expected, "stmt|acme|SELECT o.name FROM js_tenants t JOIN js_owners o ON o.tenant_id = t.id"
                + " WHERE t.id = 'acme' ORDER BY o.name", "OK [alice, ann]");
        add(steps, expected, "stmt|acme|SELECT o.name FROM js_tenants t JOIN js_owners o ON o.tenant_id = t.id"
                + " WHERE t.id = 'globex' ORDER BY o.name", "BLOCKED CROSS_TENANT");
        // not proven: another key, the restriction on the inner side of a LEFT JOIN, OR in the ON, a third table
        add(steps, expected, BY_OWNER_KEY, "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|SELECT p.name FROM js_pets p LEFT JOIN js_owners o ON o.tenant_id = p.tenant_id"
                + " AND o.tenant_id = ?|acme", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|SELECT p.name FROM js_owners o JOIN js_pets p ON p.tenant_id = o.tenant_id"
                + " OR p.owner_id = o.id WHERE o.tenant_id = ?|acme", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|SELECT v.id FROM js_owners o JOIN js_pets p ON p.tenant_id = o.tenant_id"
                + " AND p.owner_id = o.id JOIN js_visits v ON v.pet_id = p.id WHERE o.tenant_id = ?|acme", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, PETS, "OK [acme:10, acme:11, globex:20, globex:21]");

        List<String> typed = steps.stream().map(type::step).toList();
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: enforce\n" + POLICY, jvmOptions(), typed);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = type.text(expected.get(i));
            assertTrue(result.step(i).startsWith(outcome), "step " + i + " " + typed.get(i) + "\nexpected "
                    + outcome + "\nbut was  " + result.step(i) + "\n" + result.stderr());
        }
    }

    @ParameterizedTest(name = "tenant column {0}")
    @EnumSource(TenantColumnType.class)
    void reportModeRunsTheUnprovenJoinAndRecordsEachOnce(TenantColumnType type) throws Exception {
        List<String> steps = new ArrayList<>(setup());
        steps.add(BY_OWNER_KEY);
        steps.add(GLOBEX_TUPLE);
        steps.add(DELETE_GLOBEX_TUPLE);
        steps.add(PETS);

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: report\n" + POLICY, jvmOptions(),
                steps.stream().map(type::step).toList());

        assertEquals(0, result.exitCode(), result.toString());
        int first = setup().size();
        assertEquals("OK [fido, rex, stray]", result.step(first), "globex's pet reached through acme's owner");
        assertEquals("OK [fido, gizmo, rex]", result.step(first + 1), result.toString());
        assertEquals(type.text("OK [acme:10, acme:11, globex:21]"), result.step(first + 3), "the reported delete ran");
        List<String> violations = Files.readAllLines(root.resolve("violations.jsonl")).stream()
                .filter(l -> l.contains("\"action\":\"REPORTED\"")).toList();
        assertEquals(3, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("\"kind\":\"UNSCOPED_QUERY\"") && violations.get(0).contains("\"resource\":\"js_pets\""),
                violations.get(0));
        assertTrue(violations.get(1).contains("\"kind\":\"CROSS_TENANT\"") && violations.get(1).contains(type.text("\"resourceTenant\":\"globex\"")),
                violations.get(1));
        assertTrue(violations.get(2).contains("\"kind\":\"CROSS_TENANT\"") && violations.get(2).contains("\"operation\":\"DELETE\""),
                violations.get(2));
    }

    private static void add(List<String> steps, List<String> expected, String step, String outcome) {
        steps.add(step);
        expected.add(outcome);
    }
}
