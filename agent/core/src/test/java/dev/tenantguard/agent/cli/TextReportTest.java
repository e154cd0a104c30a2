package dev.tenantguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The terminal table. */
class TextReportTest {

    private final String text = TextReport.render("build/violations.jsonl", Fixtures.read(Fixtures.JSONL));

    @Test
    void startsWithTheTotals() {
        List<String> lines = text.lines().toList();

        assertEquals("tenant-guard report: build/violations.jsonl", lines.get(0));
        assertEquals("13 violations at 4 call sites; 3 privileged scope entries (11 lines)", lines.get(1));
        assertEquals("  by kind    CROSS_TENANT 11, NO_TENANT 1, UNSCOPED_QUERY 1", lines.get(3));
        assertEquals("  by family  jdbc 10, files 2, http 1", lines.get(4));
    }

    @Test
    void listsOneRowPerCallSiteMostFrequentFirst() {
        List<String> lines = text.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("  KIND")).findFirst().orElseThrow());

        assertEquals(List.of(
                "  KIND            ACTION    FAMILY  OPERATION  COUNT  TENANTS (active -> owner)          CALL SITE",
                "  CROSS_TENANT    REPORTED  jdbc    SELECT         9  acme -> globex, initech -> globex  " + Fixtures.SITE_FIND,
                "  CROSS_TENANT    REPORTED  files   WRITE          2  acme -> globex                     " + Fixtures.SITE_EXPORT,
                "  NO_TENANT       BLOCKED   http    GET            1  (none) -> globex                   " + Fixtures.SITE_MAIL,
                "  UNSCOPED_QUERY  REPORTED  jdbc    SELECT         1  acme                               " + Fixtures.SITE_SEARCH),
                lines.subList(header, header + 5));
    }

    @Test
    void listsAuditEventsSeparately() {
        assertTrue(text.contains("\nprivileged scopes (audit)\n"
                + "  REASON           COUNT  TENANT  CALL SITE\n"
                + "  nightly billing      3  (none)  " + Fixtures.SITE_BILLING + "\n"), text);
        assertFalse(text.lines().anyMatch(l -> l.startsWith("  PRIVILEGED")), "no audit row among the violations");
    }

    @Test
    void namesTheFirstMalformedLines() {
        assertTrue(text.contains("\n2 malformed lines skipped: line 6 ("), text);
        assertTrue(text.contains("), line 10 (expected '{' at column 1)\n"), text);

        String many = IntStream.range(0, 8).mapToObj(i -> "bad " + i).collect(Collectors.joining("\n"));
        String report = TextReport.render("x", Fixtures.read(many));
        assertTrue(report.contains("8 malformed lines skipped: line 1 (expected '{' at column 1), line 2"), report);
        assertTrue(report.contains("line 5 (expected '{' at column 1) and 3 more\n"), report);
        assertTrue(report.contains("0 violations at 0 call sites (8 lines)"), report);
    }

    @Test
    void manyTenantPairsAreCutToTheColumnWidth() {
        String first = Fixtures.JSONL.lines().findFirst().orElseThrow();
        String jsonl = IntStream.rangeClosed(1, 20).mapToObj(i -> first.replace("\"activeTenant\":\"acme\"",
                "\"activeTenant\":\"tenant-" + (100 + i) + "\"").replace("\"count\":1", "\"count\":" + i))
                .collect(Collectors.joining("\n"));

        String report = TextReport.render("x", Fixtures.read(jsonl));

        assertTrue(report.contains(" 20  tenant-101 -> globex +19 more  "), report);
    }

    @Test
    void controlCharactersCannotReachTheTerminal() {
        String first = Fixtures.JSONL.lines().findFirst().orElseThrow();
        String jsonl = first.replace(Fixtures.SITE_FIND, "Evil\\u001b[2J\\r\\nfake row\\u202e");

        String report = TextReport.render("x", Fixtures.read(jsonl));

        assertFalse(report.contains("\u001b") || report.contains("\r") || report.contains("\u202e"), report);
        assertTrue(report.contains("Evil\\u001b[2J\\u000d\\u000afake row\\u202e\n"), report);
    }
}
