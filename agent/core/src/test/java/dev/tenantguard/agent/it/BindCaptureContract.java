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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant values however they are bound, under the real agent: a text, a {@code BIGINT} and a
 * {@code UUID} tenant column side by side. Each tenant's own value is recognised through every
 * setter that carries it ({@code "2"}, {@code 2}, {@code 2L}, {@code BigDecimal 2}, a UUID object, also
 * through {@code setObject(v, type[, scale])});
 * another tenant's value is a crossing; a value the agent did not capture (a stream, a LOB, bytes, a
 * parameter left unbound, one cleared, one bound for the previous batch row, or replaced after an
 * execute by a setter it does not read) is NOT_VERIFIED. In enforce the refused statements change
 * nothing — the rows of each tenant are counted before and after; in report they run and are
 * recorded. Tables are prefixed {@code bc_}: the servers are shared with the other test classes.
 */
abstract class BindCaptureContract {
    static final String POLICY = "jdbc:\n  column: tenant_id\n  tables: [bc_text, bc_num, bc_uuid]\n";
    static final String UUID_OWN = "6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5a";
    static final String UUID_OTHER = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";

    @TempDir
    Path root;

    abstract String url();

    List<String> jvmOptions() {
        return List.of();
    }

    /**
     * Whether the driver reads a character stream itself and binds the text through its own
     * {@code setString} (pgjdbc does), which the agent captures: then the stream is verified.
     */
    boolean driverBindsStreamsAsStrings() {
        return false;
    }

    /**
     * Whether the driver itself refuses a setter the agent does not read ({@code ncs}, {@code clob},
     * {@code nclob}): then the setter throws before any statement runs.
     */
    boolean driverRefusesSetter(String setter) {
        return false;
    }

    /** The column type of a UUID tenant. */
    String uuidType() {
        return "UUID";
    }

    /** One tenant column type, its two tenants and the setters that bind them. */
    private record Column(String table, String type, String own, String other, List<String> ownBinds, String otherBind,
            String unreadBind, List<String> moreUnreadBinds) {
    }

    private List<Column> columns() {
        return List.of(
                new Column("bc_text", "VARCHAR(64)", "acme", "globex",
                        List.of("acme", "s:acme", "os:acme", "ost:acme", "osts:acme"), "s:globex", "cs:acme",
                        List.of("ncs:acme", "clob:acme", "nclob:acme")),
                new Column("bc_num", "BIGINT", "2", "3",
                        List.of("i:2", "l:2", "h:2", "bd:2", "oi:2", "ol:2", "ob:2", "olt:2", "olts:2"), "l:3", "b:2",
                        List.of()),
                new Column("bc_uuid", uuidType(), UUID_OWN, UUID_OTHER,
                        List.of("ou:" + UUID_OWN), "ou:" + UUID_OTHER, "as:" + UUID_OWN, List.of()));
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void aTenantIsRecognisedHoweverItIsBoundAndAnUncapturedOneIsNotVerified(String mode) throws Exception {
        boolean enforce = mode.equals("enforce");
        List<String> steps = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Column c : columns()) {
            String t = c.table();
            add(steps, expected, "admin|-|DROP TABLE IF EXISTS " + t + "|", "OK");
            add(steps, expected, "admin|-|CREATE TABLE " + t + " (id INT PRIMARY KEY, tenant_id " + c.type()
                    + " NOT NULL, item VARCHAR(100))|", "OK");
            add(steps, expected, "admin|-|INSERT INTO " + t + " (id, tenant_id, item) VALUES (1, '" + c.own() + "', 'a'), (2, '"
                    + c.own() + "', 'b'), (3, '" + c.other() + "', 'c'), (4, '" + c.other() + "', 'd')|", "OK");
            add(steps, expected, counts(t), "OK " + sorted(c.own() + ":2", c.other() + ":2"));
            String tenant = c.own();
            // the own tenant, however it is bound
            for (String bind : c.ownBinds()) {
                add(steps, expected, "prep|" + tenant + "|SELECT count(*) FROM " + t + " WHERE tenant_id = ?|" + bind, "OK [2]");
            }
            String delete = "DELETE FROM " + t + " WHERE tenant_id = ? AND id = ?";
            // another tenant's value
            add(steps, expected, "prep|" + tenant + "|" + delete + "|" + c.otherBind() + ",i:3",
                    enforce ? "BLOCKED CROSS_TENANT" : "OK");
            // a setter whose value the agent does not read
            boolean readByDriver = c.unreadBind().startsWith("cs:") && driverBindsStreamsAsStrings();
            add(steps, expected, "prep|" + tenant + "|" + delete + "|" + c.unreadBind() + ",i:4",
                    enforce && !readByDriver ? "BLOCKED NOT_VERIFIED" : "");
            // the other setters whose value the agent does not read (streams are not consumed)
            for (String bind : c.moreUnreadBinds()) {
                String setter = bind.substring(0, bind.indexOf(':'));
                String refused = driverRefusesSetter(setter) ? "FAILED java.sql.SQLFeatureNotSupportedException"
                        : "BLOCKED NOT_VERIFIED";
                add(steps, expected, "prep|" + tenant + "|" + delete + "|" + bind + ",i:4", enforce ? refused : "");
            }
            // the tenant parameter left unbound (the driver would refuse too, but after the agent)
            add(steps, expected, "prep|" + tenant + "|" + delete + "|-,i:4", enforce ? "BLOCKED NOT_VERIFIED" : "");
            // NULL is no tenant
            add(steps, expected, "prep|" + tenant + "|" + delete + "|n:-,i:4", enforce ? "BLOCKED UNSCOPED_QUERY" : "");
            // a batch whose second row does not bind the tenant again: its first row's value is not the second's
            add(steps, expected, "batch|" + tenant + "|INSERT INTO " + t + " (id, tenant_id, item) VALUES (?, ?, ?)|i:10,"
                    + c.ownBinds().get(0) + ",s:x;i:11,-,s:y", enforce ? "BLOCKED NOT_VERIFIED" : "");
            // cleared parameters: the first execute runs (deletes own row 1), the second is not verified
            add(steps, expected, "clear|" + tenant + "|" + delete + "|" + c.ownBinds().get(0) + ",i:1;-,i:2",
                    enforce ? "BLOCKED NOT_VERIFIED" : "");
            // re-bound after an execute by a setter the agent does not read: the earlier value is not reused
            add(steps, expected, "reuse|" + tenant + "|SELECT count(*) FROM " + t + " WHERE tenant_id = ? AND id > ?|"
                    + c.ownBinds().get(0) + ",i:0;" + c.unreadBind() + ",i:0", enforce && !readByDriver ? "BLOCKED NOT_VERIFIED" : "");
            add(steps, expected, counts(t), enforce ? "OK " + sorted(c.own() + ":1", c.other() + ":2") : "");
        }

        ForkedJvm.Result result = JdbcEnforcementContract.run(root, url(), "mode: " + mode + "\n" + POLICY, jvmOptions(),
                steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < steps.size(); i++) {
            String outcome = result.step(i);
            assertTrue(outcome.startsWith(expected.get(i)), "step " + i + " " + steps.get(i) + "\nexpected "
                    + expected.get(i) + "\nbut was  " + outcome + "\n" + result.stderr());
            if (!enforce) {
                assertFalse(outcome.startsWith("BLOCKED"), "report mode lets every call through: step " + i + " " + outcome);
            }
        }
        if (enforce) {
            return; // each refused statement changed nothing: the counts after are asserted with the steps
        }
        // report: the crossings and the values not captured recorded (repeats of a kind, rule and call site are
        // counted on one line: the crossings of the three tables share theirs), with the sentence that says what
        // was not verified
        String jsonl = Files.readString(root.resolve("violations.jsonl"));
        assertTrue(jsonl.contains("\"kind\":\"CROSS_TENANT\"") && jsonl.contains("\"resourceTenant\":\"globex\""), jsonl);
        for (Column c : columns()) {
            assertTrue(jsonl.contains("\"kind\":\"NOT_VERIFIED\",\"family\":\"jdbc\",\"operation\":\"DELETE\",\"resource\":\""
                    + c.table() + "\""), c.table() + ": " + jsonl);
        }
        assertTrue(jsonl.contains("\"message\":\"tenant 2 tried to DELETE bc_num, which could not be verified:"
                + " the value bound to tenant_id (parameter 1, WHERE) was not captured: it was set by setBytes,"
                + " whose value the agent does not read\""), jsonl);
        assertTrue(jsonl.contains("the value bound to tenant_id (parameter 1, WHERE) was not captured (no setter"), jsonl);
        assertTrue(jsonl.contains("\"kind\":\"NOT_VERIFIED\",\"family\":\"jdbc\",\"operation\":\"INSERT\",\"resource\":\"bc_text\""),
                "the second batch row: " + jsonl);
        assertTrue(result.stderr().contains("NOT_VERIFIED"), "the exit summary names the kind:\n" + result.stderr());
        // report let the crossing through: the other tenant lost row 3
        for (Column c : columns()) {
            String after = result.step(steps.lastIndexOf(counts(c.table())));
            assertTrue(after.contains(c.other() + ":1"), c.table() + " after, in report mode: " + after);
        }
    }

    private static String counts(String table) {
        return "admin|-|SELECT CONCAT(tenant_id, ':', count(*)) FROM " + table + " GROUP BY tenant_id ORDER BY 1|";
    }

    private static String sorted(String a, String b) {
        return a.compareTo(b) <= 0 ? "[" + a + ", " + b + "]" : "[" + b + ", " + a + "]";
    }

    private static void add(List<String> steps, List<String> expected, String step, String outcome) {
        steps.add(step);
        expected.add(outcome);
    }
}
