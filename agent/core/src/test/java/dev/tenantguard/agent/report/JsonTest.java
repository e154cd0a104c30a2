package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** One event as one JSON line. */
class JsonTest {

    private static String string(String value) {
        return Json.string(new StringBuilder(), value).toString();
    }

    /** Parses a JSON line (YAML 1.2 is a superset of JSON) to check it is well-formed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(line);
    }

    private static ViolationEvent event(String resource, String activeTenant, String rule, String action,
            List<String> stack, String message) {
        return new ViolationEvent(Events.TIME, "CROSS_TENANT", "files", "READ", resource, "globex", activeTenant,
                rule, action, "worker-1", "com.x.Repo.find(Repo.java:42)", stack, message);
    }

    @Test
    void aViolationWithEveryFieldInOrder() {
        ViolationEvent e = event("/srv/t/globex/x", "acme", "/srv/t/{tenant}/**", "BLOCKED",
                List.of("com.x.Repo.find(Repo.java:42)", "com.x.Main.main(Main.java:7)"),
                "tenant acme tried to READ /srv/t/globex/x owned by tenant globex (rule /srv/t/{tenant}/**)");

        assertEquals("{\"time\":\"2024-05-06T07:08:09.123Z\",\"kind\":\"CROSS_TENANT\",\"family\":\"files\","
                + "\"operation\":\"READ\",\"resource\":\"/srv/t/globex/x\",\"resourceTenant\":\"globex\","
                + "\"activeTenant\":\"acme\",\"rule\":\"/srv/t/{tenant}/**\",\"action\":\"BLOCKED\","
                + "\"thread\":\"worker-1\",\"callSite\":\"com.x.Repo.find(Repo.java:42)\","
                + "\"stack\":[\"com.x.Repo.find(Repo.java:42)\",\"com.x.Main.main(Main.java:7)\"],"
                + "\"message\":\"tenant acme tried to READ /srv/t/globex/x owned by tenant globex "
                + "(rule /srv/t/{tenant}/**)\",\"count\":1}", Json.line(e, 1));
    }

    @Test
    void isOneLineOfValidJson() {
        ViolationEvent e = event("/srv/t/globex/a\"b\\c\nd", "acme", "/srv/t/{tenant}/**", "REPORTED",
                List.of("a\tb", "c\"d"), "line1\nline2\r\n");

        String line = Json.line(e, 12345678901L);
        Map<String, Object> json = parse(line);

        assertFalse(line.contains("\n"));
        assertFalse(line.contains("\r"));
        assertEquals("/srv/t/globex/a\"b\\c\nd", json.get("resource"));
        assertEquals(List.of("a\tb", "c\"d"), json.get("stack"));
        assertEquals("line1\nline2\r\n", json.get("message"));
        assertEquals(12345678901L, ((Number) json.get("count")).longValue());
        assertEquals("REPORTED", json.get("action"));
        assertEquals("worker-1", json.get("thread"));
    }

    @Test
    void nullFieldsAreJsonNull() {
        ViolationEvent e = new ViolationEvent(Events.TIME, "NO_TENANT", "files", "WRITE", null, null, null, null,
                "REPORTED", null, null, List.of(), null);

        String line = Json.line(e, 1);
        Map<String, Object> json = parse(line);

        assertTrue(line.contains("\"activeTenant\":null"), line);
        assertTrue(line.contains("\"resource\":null"), line);
        assertTrue(line.contains("\"message\":null"), line);
        for (String key : List.of("resource", "resourceTenant", "activeTenant", "rule", "thread", "callSite",
                "message")) {
            assertTrue(json.containsKey(key), key);
            assertNull(json.get(key), key);
        }
        assertEquals(List.of(), json.get("stack"));
    }

    @Test
    void anAuditEventNamesItsRuleTheReason() {
        ViolationEvent e = new ViolationEvent(Events.TIME, "PRIVILEGED", "context", "PRIVILEGED", null, null, "acme",
                "nightly \"migration\"", "AUDIT", "main", "com.x.Job.run(Job.java:3)", List.of(), "privileged");

        Map<String, Object> json = parse(Json.line(e, 2));

        assertEquals("nightly \"migration\"", json.get("reason"));
        assertFalse(json.containsKey("rule"));
        assertEquals("AUDIT", json.get("action"));
    }

    @Test
    void aViolationHasNoReason() {
        Map<String, Object> json = parse(Json.line(Events.crossTenant("com.x.A.b(A.java:1)"), 1));

        assertEquals("/srv/t/{tenant}/**", json.get("rule"));
        assertFalse(json.containsKey("reason"));
    }

    @Test
    void stackArrays() {
        assertEquals("\"stack\":[]", stackOf(List.of()));
        assertEquals("\"stack\":[\"a\"]", stackOf(List.of("a")));
        assertEquals("\"stack\":[\"a\",\"b\",\"c\"]", stackOf(List.of("a", "b", "c")));
        assertEquals("\"stack\":[\"q\\\"\",\"b\\\\s\"]", stackOf(List.of("q\"", "b\\s")));
    }

    @Test
    void aLongStackRoundTrips() {
        List<String> stack = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            stack.add("com.x.C" + i + ".m(C" + i + ".java:" + i + ")");
        }
        ViolationEvent e = event("/r", "acme", "/r/{tenant}", "BLOCKED", stack, "m");

        assertEquals(stack, parse(Json.line(e, 1)).get("stack"));
    }

    private static String stackOf(List<String> stack) {
        String line = Json.line(event("/r", "acme", "/r/{tenant}", "BLOCKED", stack, "m"), 1);
        int start = line.indexOf("\"stack\":");
        int end = line.indexOf(",\"message\"");
        return line.substring(start, end);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain             | \"plain\"",
            "``                | \"\"",
            "a\"b              | \"a\\\"b\"",
            "a\\b              | \"a\\\\b\"",
            "\\\"              | \"\\\\\\\"\"",
            "C:\\dir\\file     | \"C:\\\\dir\\\\file\"",
            "/srv/{tenant}/**  | \"/srv/{tenant}/**\"",
            "it's              | \"it's\"",
            "a/b               | \"a/b\"",
            "é ü ß 中 😀        | \"é ü ß 中 😀\"",
    })
    void escapesQuotesAndBackslashes(String value, String expected) {
        assertEquals(expected, string(value));
    }

    @Test
    void escapesControlCharacters() {
        assertEquals("\"\\n\"", string("\n"));
        assertEquals("\"\\r\"", string("\r"));
        assertEquals("\"\\t\"", string("\t"));
        assertEquals("\"\\u0000\"", string("\u0000"));
        assertEquals("\"\\u0001\"", string("\u0001"));
        assertEquals("\"\\u0008\"", string("\b"));
        assertEquals("\"\\u000c\"", string("\f"));
        assertEquals("\"\\u001b[31m\"", string("\u001b[31m"));
        assertEquals("\"\\u001f\"", string("\u001f"));
        assertEquals("\" \"", string(" "));
        assertEquals("\"a\\nb\\tc\\rd\"", string("a\nb\tc\rd"));
    }

    @Test
    void escapesLineAndParagraphSeparators() {
        // valid in JSON strings, but line breaks for JavaScript and many line-oriented readers
        assertEquals("\"\\u2028\\u2029\"", string("\u2028\u2029"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f",
            "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f",
            "\"\\/\u2028\u2029", "mixed \"q\" \\ \t\n end"})
    void everyEscapedStringDecodesToTheOriginal(String value) {
        Map<String, Object> json = parse("{\"v\":" + string(value) + "}");

        assertEquals(value, json.get("v"));
    }

    @Test
    void stringAppendsToTheGivenBuilder() {
        StringBuilder out = new StringBuilder("x=");

        assertEquals("x=\"y\"", Json.string(out, "y").toString());
    }
}
