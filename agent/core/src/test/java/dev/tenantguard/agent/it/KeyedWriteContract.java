package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes by primary key without the tenant column ({@code UPDATE … WHERE id = ? AND version = ?}, the
 * way ORMs write an entity they loaded), under the real agent: judged by the owner of the row the key
 * pins, looked up on the application's connection; a list of keys ({@code WHERE id IN (…)}) by the owners
 * of all its rows. The own tenant's rows and rows that do not exist pass; another tenant's row is refused
 * before the write, and globex's row (and acme's rows listed beside it) read back unchanged; a
 * write that does not pin the whole key, or a table without one, stays unscoped. A refusal inside a
 * transaction leaves the transaction usable. The writes by key and report mode also on {@code BIGINT} and
 * {@code UUID} tenant columns ({@link TenantColumnType}): the owner read back is a number or a UUID. Tables
 * {@code kw_*}: the servers are shared.
 */
abstract class KeyedWriteContract {
    static final String POLICY = "jdbc:\n  column: tenant_id\n  tables: [kw_orders, kw_notes, kw_lines, kw_pets]\n";
    static final String UPDATE_BY_VERSION = "UPDATE kw_orders SET item = ?, version = ? WHERE id = ? AND version = ?";

    @TempDir
    Path root;

    abstract String url();

    List<String> jvmOptions() {
        return List.of();
    }

    /** A key bound in a way the database cannot compare with the key column, or {@code null} where it converts it. */
    String mistypedKeyStep() {
        return null;
    }

    private static List<String> setup() {
        return List.of(
                "admin|-|DROP TABLE IF EXISTS kw_orders|",
                "admin|-|DROP TABLE IF EXISTS kw_notes|",
                "admin|-|DROP TABLE IF EXISTS kw_lines|",
                "admin|-|CREATE TABLE kw_orders (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, item VARCHAR(100),"
                        + " version INT NOT NULL)|",
                "admin|-|INSERT INTO kw_orders (id, tenant_id, item, version) VALUES (1, 'acme', 'anvil', 0),"
                        + " (2, 'globex', 'gizmo', 0), (3, 'acme', 'rocket', 0)|",
                "admin|-|CREATE TABLE kw_notes (id INT, tenant_id VARCHAR(64) NOT NULL, body VARCHAR(100))|",
                "admin|-|INSERT INTO kw_notes (id, tenant_id, body) VALUES (1, 'acme', 'a'), (2, 'globex', 'g')|",
                "admin|-|CREATE TABLE kw_lines (order_id INT NOT NULL, line INT NOT NULL, tenant_id VARCHAR(64) NOT NULL,"
                        + " PRIMARY KEY (order_id, line))|",
                "admin|-|INSERT INTO kw_lines (order_id, line, tenant_id) VALUES (1, 1, 'acme'), (1, 2, 'acme')|");
    }

    @ParameterizedTest(name = "tenant column {0}")
    @EnumSource(TenantColumnType.class)
    void aWriteByKeyIsJudgedByTheOwnerOfTheRowAndAnotherTenantsRowIsNotReached(TenantColumnType type) throws Exception {
        List<String> steps = new ArrayList<>(setup());
        List<String> expected = new ArrayList<>(setup().stream().map(s -> "OK").toList());
        // the own tenant's rows, and a key no row has: nothing of another tenant is reached
        add(steps, expected, "prep|acme|" + UPDATE_BY_VERSION + "|anvil2,1,1,0", "OK");
        add(steps, expected, "prep|acme|DELETE FROM kw_orders WHERE id = ? AND version = ?|3,0", "OK");
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ? WHERE id = ?|stolen,99", "OK");
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ? WHERE id = ?|s:anvil3,l:1", "OK");
        add(steps, expected, "stmt|acme|UPDATE kw_orders o SET item = 'anvil4' WHERE o.id = 1", "OK");
        // globex's row, by its key: however bound, refused before the write
        add(steps, expected, "prep|acme|" + UPDATE_BY_VERSION + "|stolen,1,2,0", "BLOCKED CROSS_TENANT");
        add(steps, expected, "prep|acme|DELETE FROM kw_orders WHERE id = ?|2", "BLOCKED CROSS_TENANT");
        add(steps, expected, "prep|acme|DELETE FROM kw_orders WHERE ? = id|ol:2", "BLOCKED CROSS_TENANT");
        add(steps, expected, "stmt|acme|DELETE FROM kw_orders WHERE id = 2", "BLOCKED CROSS_TENANT");
        // an inlined value before the key: in the statement's literal-free shape the key is a later
        // parameter than in the text, where that index holds the version (0: no row, were it read as the key)
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ?, version = 7 WHERE id = ? AND version >= ?|stolen,2,0",
                "BLOCKED CROSS_TENANT");
        add(steps, expected, "reuse|acme|UPDATE kw_orders SET version = version WHERE id = ?|1;2", "BLOCKED CROSS_TENANT");
        add(steps, expected, "batch|acme|UPDATE kw_orders SET item = ? WHERE id = ?|b1,1;b2,2", "BLOCKED CROSS_TENANT");
        // not pinned by the key, or no key to pin: what the SQL says
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ? WHERE item = ?|stolen,gizmo", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ? WHERE id = ? OR id = ?|stolen,1,2",
                "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ? WHERE id = ? AND item IN"
                + " (SELECT item FROM kw_orders)|stolen,1", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|UPDATE kw_notes SET body = ? WHERE id = ?|stolen,2", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|UPDATE kw_notes SET body = ? WHERE id = ?|mine,1", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|-|UPDATE kw_orders SET item = ? WHERE id = ?|x,1", "BLOCKED NO_TENANT");
        // a list of keys (deleteAllByIdInBatch): judged by the owners of all listed rows, in one lookup
        add(steps, expected, "admin|-|INSERT INTO kw_orders (id, tenant_id, item, version) VALUES (4, 'acme', 'axe', 0),"
                + " (5, 'acme', 'bolt', 0)|", "OK");
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ? WHERE id IN (?, ?, ?)|list,4,5,98", "OK");
        add(steps, expected, "stmt|acme|UPDATE kw_orders SET item = 'lit' WHERE id IN (4, 5)", "OK");
        int listCrossing = steps.size();
        add(steps, expected, "prep|acme|DELETE FROM kw_orders WHERE id IN (?, ?, ?)|4,2,5", "BLOCKED CROSS_TENANT");
        // the same shape as the allowed literal list above, one value longer: judged by its own values
        add(steps, expected, "stmt|acme|DELETE FROM kw_orders WHERE id IN (4, 5, 2)", "BLOCKED CROSS_TENANT");
        add(steps, expected, "prep|acme|UPDATE kw_orders SET item = ? WHERE id IN (4, ?)|stolen,2", "BLOCKED CROSS_TENANT");
        int listUnknown = steps.size();
        add(steps, expected, "prep|acme|DELETE FROM kw_orders WHERE id IN (?, ?)|4,b:2", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "prep|acme|DELETE FROM kw_orders WHERE id NOT IN (?, ?)|1,2", "BLOCKED UNSCOPED_QUERY");
        // a composite key: pinned whole by its own rows' values, but a list for one of its columns is not a key list
        add(steps, expected, "prep|acme|UPDATE kw_lines SET line = line WHERE order_id = ? AND line = ?|1,1", "OK");
        add(steps, expected, "prep|acme|DELETE FROM kw_lines WHERE order_id IN (?, ?) AND line = ?|1,2,1",
                "BLOCKED UNSCOPED_QUERY");
        // the whole composite key by a list of rows: judged by the owners of the rows listed
        add(steps, expected, "admin|-|INSERT INTO kw_lines (order_id, line, tenant_id) VALUES (2, 1, 'globex')|", "OK");
        add(steps, expected, "prep|acme|UPDATE kw_lines SET line = line WHERE (order_id, line) IN ((?, ?), (?, ?))|1,1,1,2",
                "OK");
        int rowsCrossing = steps.size();
        add(steps, expected, "prep|acme|DELETE FROM kw_lines WHERE (order_id, line) IN ((?, ?), (?, ?))|1,1,2,1",
                "BLOCKED CROSS_TENANT");
        add(steps, expected, "prep|acme|DELETE FROM kw_lines WHERE (order_id, line) = (?, ?)|2,1", "BLOCKED CROSS_TENANT");
        // two texts of one shape (their literals read as ?): each looked up with its own rows
        add(steps, expected, "stmt|acme|DELETE FROM kw_lines WHERE (order_id, line) IN ((1, 9), (1, 8))", "OK");
        add(steps, expected, "stmt|acme|DELETE FROM kw_lines WHERE (order_id, line) IN ((1, 9), (2, 1))",
                "BLOCKED CROSS_TENANT");
        add(steps, expected, "prep|acme|DELETE FROM kw_lines WHERE (order_id, line) IN ((?, ?)) OR line = ?|1,1,1",
                "BLOCKED UNSCOPED_QUERY");
        // the tenant inside the rows: each row's tenant compared per call, bound or inlined
        add(steps, expected, "prep|acme|DELETE FROM kw_lines WHERE (tenant_id, order_id) IN ((?, ?), (?, ?))|acme,9,globex,2",
                "BLOCKED CROSS_TENANT");
        add(steps, expected, "stmt|acme|SELECT line FROM kw_lines WHERE (tenant_id, order_id) IN (('acme', 1)) ORDER BY line",
                "OK [1, 2]");
        add(steps, expected, "stmt|acme|SELECT line FROM kw_lines WHERE (tenant_id, order_id) IN (('globex', 2))",
                "BLOCKED CROSS_TENANT");
        // in a transaction: the refusal leaves it usable, and what it did before and after is committed
        add(steps, expected, "tx|acme|UPDATE kw_orders SET item = ? WHERE id = ?;;UPDATE kw_orders SET item = ? WHERE id = ?"
                + ";;SELECT item FROM kw_orders WHERE tenant_id = ? AND id = ?|t1,1;t2,2;acme,1",
                "OK [OK, BLOCKED CROSS_TENANT, OK [t1]]");
        String mistyped = mistypedKeyStep();
        if (mistyped != null) {
            add(steps, expected, mistyped, "OK [BLOCKED UNSCOPED_QUERY, OK [t1]]");
        }
        // nothing of globex's was written
        add(steps, expected, "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item, ':', version) FROM kw_orders ORDER BY id|",
                "OK [1:acme:t1:1, 2:globex:gizmo:0, 4:acme:lit:0, 5:acme:lit:0]");
        add(steps, expected, "admin|-|SELECT CONCAT(id, ':', body) FROM kw_notes ORDER BY id|", "OK [1:a, 2:g]");
        add(steps, expected, "admin|-|SELECT CONCAT(order_id, ':', line, ':', tenant_id) FROM kw_lines ORDER BY order_id, line|",
                "OK [1:1:acme, 1:2:acme, 2:1:globex]");

        List<String> options = new ArrayList<>(jvmOptions());
        options.add("-Dprobe.hikari=true");
        List<String> typed = steps.stream().map(type::step).toList();
        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: enforce\n" + POLICY, options, typed);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = type.text(expected.get(i));
            assertTrue(result.step(i).startsWith(outcome), "step " + i + " " + typed.get(i) + "\nexpected "
                    + outcome + "\nbut was  " + result.step(i) + "\n" + result.stderr());
        }
        String crossing = result.step(setup().size() + 5);
        assertTrue(crossing.contains(type.text("tenant acme tried to UPDATE kw_orders owned by tenant globex (rule jdbc.column tenant_id:"
                + " the row the UPDATE names by its primary key (id) is that tenant's, read before the UPDATE ran)")), crossing);
        String noKey = result.step(setup().size() + 15);
        assertTrue(noKey.contains("could not be looked up: no primary key of kw_notes"), noKey);
        assertTrue(result.step(listCrossing).contains(type.text("owned by tenant globex (rule jdbc.column tenant_id: a row the DELETE"
                + " lists by its primary key (id) is that tenant's")), result.step(listCrossing));
        String notCaptured = result.step(listUnknown);
        assertTrue(notCaptured.contains("could not be looked up: the value bound to id (parameter 2) was not captured"),
                notCaptured);
        assertTrue(result.step(rowsCrossing).contains(type.text("tenant acme tried to DELETE kw_lines owned by tenant globex (rule"
                + " jdbc.column tenant_id: a row the DELETE lists by its primary key (order_id, line) is that tenant's, read"
                + " before the DELETE ran)")), result.step(rowsCrossing));
    }

    /**
     * What Hibernate sends with {@code hibernate.jdbc.batch_size}: writes by id and version as rows of a
     * batch, each row judged at {@code addBatch} by the owner of the row it pins; and the foreign key of a
     * unidirectional {@code @OneToMany @JoinColumn}, written by an {@code UPDATE} by the child's id after
     * the child's insert. The own tenant's rows pass; a batch with one row of another tenant is refused
     * before {@code executeBatch}, so none of its rows is written; an update that picks its rows by the
     * foreign key alone (Hibernate's unlinking of a whole collection) is unscoped.
     */
    @Test
    void ormBatchesAndForeignKeyUpdatesAreJudgedRowByRowAndARefusedBatchWritesNothing() throws Exception {
        List<String> steps = new ArrayList<>(setup());
        List<String> expected = new ArrayList<>(setup().stream().map(s -> "OK").toList());
        add(steps, expected, "admin|-|DROP TABLE IF EXISTS kw_pets|", "OK");
        add(steps, expected, "admin|-|CREATE TABLE kw_pets (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL,"
                + " name VARCHAR(100), owner_id INT)|", "OK");
        add(steps, expected, "admin|-|INSERT INTO kw_pets (id, tenant_id, name) VALUES (9, 'globex', 'rex')|", "OK");
        // versioned updates and deletes of the own rows, batched
        add(steps, expected, "batch|acme|" + UPDATE_BY_VERSION + "|a1,1,1,0;r1,1,3,0", "OK");
        add(steps, expected, "batch|acme|DELETE FROM kw_orders WHERE id = ? AND version = ?|3,1;98,0", "OK");
        int refusedBatch = steps.size();
        add(steps, expected, "batch|acme|" + UPDATE_BY_VERSION + "|a2,2,1,1;stolen,1,2,0", "BLOCKED CROSS_TENANT");
        add(steps, expected, "admin|-|SELECT CONCAT(id, ':', item, ':', version) FROM kw_orders ORDER BY id|",
                "OK [1:a1:1, 2:gizmo:0]");
        // insert, then the foreign key by the child's id (unidirectional @OneToMany @JoinColumn), batched
        add(steps, expected, "batch|acme|INSERT INTO kw_pets (id, tenant_id, name) VALUES (?, ?, ?)|1,acme,tom;2,acme,kit",
                "OK");
        add(steps, expected, "batch|acme|UPDATE kw_pets SET owner_id = ? WHERE id = ?|1,1;1,2", "OK");
        // one element removed from the collection: by the foreign key and the child's id
        add(steps, expected, "prep|acme|UPDATE kw_pets SET owner_id = NULL WHERE owner_id = ? AND id = ?|1,2", "OK");
        add(steps, expected, "batch|acme|UPDATE kw_pets SET owner_id = ? WHERE id = ?|1,2;1,9", "BLOCKED CROSS_TENANT");
        add(steps, expected, "batch|acme|INSERT INTO kw_pets (id, tenant_id, name) VALUES (?, ?, ?)|3,acme,a;4,globex,b",
                "BLOCKED CROSS_TENANT");
        // the whole collection unlinked by the foreign key alone: rows chosen by a value, whoever's they are
        add(steps, expected, "prep|acme|UPDATE kw_pets SET owner_id = NULL WHERE owner_id = ?|1", "BLOCKED UNSCOPED_QUERY");
        add(steps, expected, "admin|-|SELECT CONCAT(id, ':', tenant_id, ':', COALESCE(owner_id, 0)) FROM kw_pets ORDER BY id|",
                "OK [1:acme:1, 2:acme:0, 9:globex:0]");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: enforce\n" + POLICY, jvmOptions(), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            assertTrue(result.step(i).startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + result.step(i) + "\n" + result.stderr());
        }
        assertTrue(result.step(refusedBatch).contains("tenant acme tried to UPDATE kw_orders owned by tenant globex"),
                result.step(refusedBatch));
    }

    @ParameterizedTest(name = "tenant column {0}")
    @EnumSource(TenantColumnType.class)
    void reportModeRecordsTheCrossingWithTheRowsOwnerAndLetsTheOwnWritesThrough(TenantColumnType type) throws Exception {
        List<String> steps = new ArrayList<>(setup());
        steps.add("prep|acme|" + UPDATE_BY_VERSION + "|anvil2,1,1,0");
        steps.add("prep|acme|" + UPDATE_BY_VERSION + "|stolen,1,2,0");
        steps.add("admin|-|SELECT CONCAT(id, ':', tenant_id, ':', item) FROM kw_orders ORDER BY id|");
        steps.add("admin|-|INSERT INTO kw_lines (order_id, line, tenant_id) VALUES (2, 1, 'globex')|");
        steps.add("prep|acme|DELETE FROM kw_lines WHERE (order_id, line) IN ((?, ?), (?, ?))|1,9,2,1");
        steps.add("admin|-|SELECT CONCAT(order_id, ':', line) FROM kw_lines ORDER BY order_id, line|");

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: report\n" + POLICY, jvmOptions(),
                steps.stream().map(type::step).toList());

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(type.text("OK [1:acme:anvil2, 2:globex:stolen, 3:acme:rocket]"), result.step(steps.size() - 4), result.toString());
        assertEquals("OK [1:1, 1:2]", result.step(steps.size() - 1), "reported and run: globex's line is gone");
        List<String> violations = Files.readAllLines(root.resolve("violations.jsonl")).stream()
                .filter(l -> l.contains("\"action\":\"REPORTED\"")).toList();
        assertEquals(2, violations.size(), violations.toString());
        String v = violations.get(0);
        assertTrue(v.contains("\"kind\":\"CROSS_TENANT\"") && v.contains(type.text("\"resourceTenant\":\"globex\""))
                && v.contains(type.text("\"activeTenant\":\"acme\"")) && v.contains("\"resource\":\"kw_orders\""), v);
        String rows = violations.get(1);
        assertTrue(rows.contains("\"kind\":\"CROSS_TENANT\"") && rows.contains(type.text("\"resourceTenant\":\"globex\""))
                && rows.contains("\"resource\":\"kw_lines\""), rows);
    }

    private static void add(List<String> steps, List<String> expected, String step, String outcome) {
        steps.add(step);
        expected.add(outcome);
    }
}
