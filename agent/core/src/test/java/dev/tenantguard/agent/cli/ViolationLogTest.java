package dev.tenantguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.report.ViolationEvent;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A JSONL report folded per call site. */
class ViolationLogTest {

    private final ViolationLog log = Fixtures.read(Fixtures.JSONL);

    @Test
    void foldsEachCallSiteWithItsLastCount() {
        assertEquals(List.of(Fixtures.SITE_FIND, Fixtures.SITE_BILLING, Fixtures.SITE_EXPORT, Fixtures.SITE_MAIL,
                Fixtures.SITE_SEARCH), log.sites.stream().map(s -> s.callSite).toList(),
                "most frequent first, then by kind and call site");
        assertEquals(9, Fixtures.site(log, Fixtures.SITE_FIND).count);
        assertEquals(2, Fixtures.site(log, Fixtures.SITE_EXPORT).count);
        assertEquals(3, Fixtures.site(log, Fixtures.SITE_BILLING).count);
        assertEquals(1, Fixtures.site(log, Fixtures.SITE_SEARCH).count);
    }

    @Test
    void keepsEveryTenantPairAndTheTimeSpanOfACallSite() {
        ViolationLog.Site find = Fixtures.site(log, Fixtures.SITE_FIND);

        assertEquals(Set.of("acme -> globex", "initech -> globex"), find.tenants);
        assertEquals(Instant.parse("2026-11-29T08:00:01.512345Z"), find.first);
        assertEquals(Instant.parse("2026-11-29T08:02:05Z"), find.last);
        assertEquals("SELECT id, body FROM notes WHERE id = ?", find.sql);
        assertEquals(Set.of("(none) -> globex"), Fixtures.site(log, Fixtures.SITE_MAIL).tenants);
        assertEquals(Set.of("(none)"), Fixtures.site(log, Fixtures.SITE_BILLING).tenants);
        assertEquals(Set.of("acme"), Fixtures.site(log, Fixtures.SITE_SEARCH).tenants);
    }

    @Test
    void decodesEscapesNullsAndTheSql() {
        ViolationLog.Site export = Fixtures.site(log, Fixtures.SITE_EXPORT);
        assertEquals("/srv/notes/globex/exports/acme \"q1\\2026\".csv", export.resource);
        assertEquals("export\u2028written to globex\ttab", export.message);
        assertNull(export.sql);
        assertEquals(2, export.stack.size());

        ViolationLog.Site search = Fixtures.site(log, Fixtures.SITE_SEARCH);
        assertEquals("SELECT * FROM notes\n  WHERE body LIKE ? -- \"q\"", search.sql);
        assertEquals("no predicate on notes.tenant_id", search.rule);

        ViolationLog.Site billing = Fixtures.site(log, Fixtures.SITE_BILLING);
        assertEquals("nightly billing", billing.rule, "the reason of an audit event");
        assertTrue(billing.isAudit());
        assertNull(billing.resource);
    }

    @Test
    void countsAndNamesMalformedLinesWithTheirNumbers() {
        assertEquals(List.of(6, 10), log.malformed.stream().map(ViolationLog.Malformed::line).toList());
        assertTrue(log.malformed.get(0).reason().contains("end of the line"), log.malformed.get(0).reason());
        assertEquals(11, log.lines, "non-blank lines");
    }

    @Test
    void totalsViolationsByKindAndFamilyWithoutAuditEvents() {
        assertEquals(13, log.violationCount());
        assertEquals(Map.of("CROSS_TENANT", 11L, "UNSCOPED_QUERY", 1L, "NO_TENANT", 1L), log.byKind());
        assertEquals(List.of("CROSS_TENANT"), List.copyOf(log.byKind().keySet()).subList(0, 1));
        assertEquals(Map.of("jdbc", 10L, "files", 2L, "http", 1L), log.byFamily());
        assertEquals(List.of("jdbc", "files", "http"), List.copyOf(log.byFamily().keySet()));
        assertEquals(13, log.occurrences.stream().mapToLong(ViolationLog.Occurrence::count).sum(),
                "the timeline adds up to the total");
    }

    @Test
    void aCountThatDoesNotGrowIsANewRunAppendedToTheFile() {
        String first = Fixtures.JSONL.lines().findFirst().orElseThrow();
        String jsonl = first + "\n" + first.replace("\"count\":1", "\"count\":4") + "\n" + first + "\n"
                + first.replace("\"count\":1", "\"count\":2") + "\n";

        assertEquals(6, Fixtures.read(jsonl).sites.get(0).count, "4 in the first run, 2 in the second");
    }

    @Test
    void rejectsLinesWithoutTheFieldsOfAnEvent() {
        String first = Fixtures.JSONL.lines().findFirst().orElseThrow();
        String jsonl = String.join("\n",
                first.replace("\"count\":1", "\"count\":0"),
                first.replace("\"count\":1", "\"count\":\"1\""),
                first.replace(",\"count\":1", ""),
                first.replace("2026-11-29T08:00:01.512345Z", "yesterday"),
                first.replace("\"kind\":\"CROSS_TENANT\"", "\"kind\":null"),
                first.replace("\"activeTenant\":\"acme\"", "\"activeTenant\":7"),
                first.replace("\"stack\":[", "\"stack\":\"x\",\"s\":["),
                first);

        ViolationLog read = Fixtures.read(jsonl);

        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), read.malformed.stream().map(ViolationLog.Malformed::line).toList(),
                read.malformed.toString());
        assertEquals(1, read.sites.size());
    }

    /** What the agent's own writer produces reads back field for field. */
    @Test
    void readsBackWhatTheAgentWrites() throws Exception {
        Method line = Class.forName("dev.tenantguard.agent.report.Json")
                .getDeclaredMethod("line", ViolationEvent.class, long.class);
        line.setAccessible(true);
        String nasty = "a\"b\\c\nd\re\tf\u0001g\u2028h\u2029i</td><script>alert(1)</script>é€𝄞";
        ViolationEvent violation = new ViolationEvent(Instant.parse("2026-11-29T08:00:00.123456789Z"), "CROSS_TENANT",
                "files", "READ", nasty, "glo\"bex", "ac\\me", "/srv/{tenant}/**", "BLOCKED", "w" + nasty,
                "com.x.Repo.find(Repo.java:1)", List.of(nasty, "com.x.Main.main(Main.java:2)"), nasty,
                "SELECT '" + nasty + "'");
        ViolationEvent audit = new ViolationEvent(Instant.parse("2026-11-29T08:00:01Z"), "PRIVILEGED", "context",
                "PRIVILEGED", null, null, null, "reason " + nasty, "AUDIT", "main", null, List.of(), "m");
        String jsonl = line.invoke(null, violation, 1L) + "\n" + line.invoke(null, violation, 3L) + "\n"
                + line.invoke(null, audit, 1L) + "\n";

        ViolationLog read = Fixtures.read(jsonl);

        assertEquals(List.of(), read.malformed);
        ViolationLog.Site v = read.sites.get(0);
        assertEquals(3, v.count);
        assertEquals(nasty, v.resource);
        assertEquals(nasty, v.message);
        assertEquals("SELECT '" + nasty + "'", v.sql);
        assertEquals("w" + nasty, v.thread);
        assertEquals(violation.stack(), v.stack);
        assertEquals(Set.of("ac\\me -> glo\"bex"), v.tenants);
        assertEquals(violation.time(), v.first);
        ViolationLog.Site a = read.sites.get(1);
        assertEquals("reason " + nasty, a.rule);
        assertNull(a.callSite);
        assertEquals(List.of(), a.stack);
        assertTrue(a.isAudit());
    }
}
