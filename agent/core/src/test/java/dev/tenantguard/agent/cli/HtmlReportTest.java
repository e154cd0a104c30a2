package dev.tenantguard.agent.cli;

import static dev.tenantguard.agent.cli.Xhtml.el;
import static dev.tenantguard.agent.cli.Xhtml.select;
import static dev.tenantguard.agent.cli.Xhtml.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/** The HTML page: well-formed, self-contained, the expected rows, nothing injectable. */
class HtmlReportTest {

    private final String html = HtmlReport.render("build/violations.jsonl", Fixtures.read(Fixtures.JSONL));

    @Test
    void isWellFormedXhtml() throws Exception {
        Document page = Xhtml.parse(html);

        assertEquals("http://www.w3.org/1999/xhtml", page.getDocumentElement().getNamespaceURI());
        assertTrue(html.startsWith("<!DOCTYPE html>\n"));
        assertEquals(List.of("tenant-guard violation report"), texts(page, "//" + el("h1")));
    }

    @Test
    void isSelfContained() throws Exception {
        Document page = Xhtml.parse(html);

        assertEquals(List.of(), select(page, "//" + el("link") + " | //" + el("img") + " | //" + el("iframe")
                + " | //" + el("object") + " | //" + el("embed") + " | //@src | //@href[not(starts-with(., '#'))]"
                + " | //" + el("form") + "/@action[. != '#']"));
        assertEquals(2, select(page, "//" + el("script")).size(), "the page's own two inline scripts");
        assertFalse(html.contains("url("), "no resource fetched from CSS");
        assertFalse(html.contains("@import"), "no style sheet imported");
    }

    @Test
    void totalsByKindAndFamily() throws Exception {
        Document page = Xhtml.parse(html);

        assertEquals(List.of("CROSS_TENANT11", "NO_TENANT1", "UNSCOPED_QUERY1"),
                texts(page, "//" + el("table") + "[@id='by-kind']/" + el("tbody") + "/" + el("tr")));
        assertEquals(List.of("jdbc10", "files2", "http1"),
                texts(page, "//" + el("table") + "[@id='by-family']/" + el("tbody") + "/" + el("tr")));
        assertTrue(texts(page, "//" + el("p") + "[@id='summary']").get(0)
                .startsWith("13 violations at 4 call sites; 3 privileged scope entries."));
    }

    @Test
    void oneRowPerCallSiteWithTenantsStackAndSql() throws Exception {
        Document page = Xhtml.parse(html);
        List<Node> rows = select(page, "//" + el("tr") + "[@class='site']");

        assertEquals(4, rows.size());
        assertEquals(List.of(Fixtures.SITE_FIND, Fixtures.SITE_EXPORT, Fixtures.SITE_MAIL, Fixtures.SITE_SEARCH),
                texts(page, "//" + el("tr") + "[@class='site']//" + el("code") + "[@class='call-site']"));
        assertEquals(List.of("9", "2", "1", "1"),
                texts(page, "//" + el("tr") + "[@class='site']/" + el("td") + "[1]"));
        assertEquals(List.of("acme -> globex", "initech -> globex"),
                texts(page, "(//" + el("tr") + "[@class='site'])[1]//" + el("li")));
        assertEquals(List.of("SELECT id, body FROM notes WHERE id = ?", "SELECT * FROM notes\n  WHERE body LIKE ? -- \"q\""),
                texts(page, "//" + el("pre") + "[@class='sql']"));
        assertEquals(List.of("com.example.notes.NoteRepository.findById(NoteRepository.java:42)\n"
                + "com.example.notes.NoteHandler.get(NoteHandler.java:88)\n"),
                texts(page, "(//" + el("tr") + "[@class='site'])[1]//" + el("details") + "/" + el("pre")),
                "the stack of the latest line");
        assertTrue(texts(page, "(//" + el("tr") + "[@class='site'])[2]").get(0)
                .contains("resource: /srv/notes/globex/exports/acme \"q1\\2026\".csv"));
        assertTrue(texts(page, "(//" + el("tr") + "[@class='site'])[2]").get(0)
                .contains("export\\u2028written to globex\ttab"), "U+2028 shown, not a hidden line break");
        assertEquals(List.of("BLOCKED"), texts(page, "//" + el("td") + "[@class='BLOCKED']"));
    }

    @Test
    void auditEventsAndMalformedLinesHaveTheirOwnSections() throws Exception {
        Document page = Xhtml.parse(html);

        List<String> audits = texts(page, "//" + el("tr") + "[@class='audit']");
        assertEquals(1, audits.size());
        assertTrue(audits.get(0).startsWith("3nightly billing(none)" + Fixtures.SITE_BILLING), audits.get(0));
        List<String> malformed = texts(page, "//" + el("section") + "[@id='malformed']//" + el("li"));
        assertEquals(2, malformed.size());
        assertTrue(malformed.get(0).startsWith("line 6: "), malformed.get(0));
        assertTrue(malformed.get(1).startsWith("line 10: "), malformed.get(1));
    }

    @Test
    void chartsViolationsOverTime() throws Exception {
        Document page = Xhtml.parse(html);

        List<Node> svg = select(page, "//" + el("svg"));
        assertEquals(1, svg.size());
        assertEquals("http://www.w3.org/2000/svg", svg.get(0).getNamespaceURI());
        // 08:00:01 .. 08:02:05 spans 125 s: 5-second buckets, the first starting at 08:00:00
        List<String> bars = texts(page, "//" + el("rect") + "[@class='bar']/" + el("title"));
        assertEquals(List.of("2026-11-29 08:00:00 +5 seconds: 3", "2026-11-29 08:00:10 +5 seconds: 4",
                "2026-11-29 08:01:30 +5 seconds: 1", "2026-11-29 08:02:05 +5 seconds: 5"), bars);
        assertTrue(texts(page, "//" + el("section") + "[@id='timeline']/" + el("p")).get(0)
                .startsWith("26 buckets of 5 seconds"));
    }

    @Test
    void aLongRunIsBucketedByMinutesOrMore() throws Exception {
        String first = Fixtures.JSONL.lines().findFirst().orElseThrow();
        String jsonl = first + "\n" + first.replace("08:00:01.512345Z", "08:45:00Z").replace("\"count\":1", "\"count\":3");

        Document page = Xhtml.parse(HtmlReport.render("x", Fixtures.read(jsonl)));

        assertEquals(List.of("2026-11-29 08:00:00 +1 minute: 1", "2026-11-29 08:45:00 +1 minute: 2"),
                texts(page, "//" + el("rect") + "[@class='bar']/" + el("title")));
    }

    @Test
    void aRunOfLessThanASecondIsBucketedByMilliseconds() throws Exception {
        String first = Fixtures.JSONL.lines().findFirst().orElseThrow();
        String jsonl = first + "\n" + first.replace("08:00:01.512345Z", "08:00:01.812Z").replace("\"count\":1", "\"count\":3");

        Document page = Xhtml.parse(HtmlReport.render("x", Fixtures.read(jsonl)));

        assertEquals(List.of("2026-11-29 08:00:01.510 +10 ms: 1", "2026-11-29 08:00:01.810 +10 ms: 2"),
                texts(page, "//" + el("rect") + "[@class='bar']/" + el("title")));
        assertTrue(texts(page, "//" + el("section") + "[@id='timeline']/" + el("p")).get(0)
                .startsWith("31 buckets of 10 ms"));
    }

    @Test
    void theTenantMatrixCountsWhoCrossedIntoWhom() throws Exception {
        Document page = Xhtml.parse(html);

        // findById: acme 1 + 4 (the count 9 line adds 4), initech 4 (count 5 adds 4); export: acme 1 + 1;
        // search: acme with no owner; mail: no tenant into globex
        assertEquals(List.of("in context \u2193 / owner \u2192", "globex", "(none)", "all"),
                texts(page, "//" + el("table") + "[@id='tenant-matrix']/" + el("thead") + "//" + el("th")));
        List<Node> rows = select(page, "//" + el("table") + "[@id='tenant-matrix']/" + el("tbody") + "/" + el("tr"));
        assertEquals(3, rows.size());
        assertEquals(List.of("acme", "7", "1", "8"), cells(rows.get(0)));
        assertEquals(List.of("initech", "4", "0", "4"), cells(rows.get(1)));
        assertEquals(List.of("(none)", "1", "0", "1"), cells(rows.get(2)));
        assertEquals(List.of("#active=acme&owner=globex", "#active=acme&owner=%28none%29",
                "#active=initech&owner=globex", "#active=%28none%29&owner=globex"),
                select(page, "//" + el("table") + "[@id='tenant-matrix']//" + el("a") + "/@href").stream()
                        .map(Node::getNodeValue).toList());
    }

    private static List<String> cells(Node row) {
        List<String> cells = new java.util.ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNextSibling()) {
            cells.add(cell.getTextContent());
        }
        return cells;
    }

    @Test
    void theFiltersOfferWhatTheFileHolds() throws Exception {
        Document page = Xhtml.parse(html);

        assertEquals(List.of("all", "CROSS_TENANT", "NO_TENANT", "UNSCOPED_QUERY"),
                texts(page, "//" + el("select") + "[@name='kind']/" + el("option")));
        assertEquals(List.of("all", "files", "http", "jdbc"),
                texts(page, "//" + el("select") + "[@name='family']/" + el("option")));
        assertEquals(List.of("all", "BLOCKED", "REPORTED"),
                texts(page, "//" + el("select") + "[@name='action']/" + el("option")));
        assertEquals(List.of("all", "acme", "globex", "initech"),
                texts(page, "//" + el("select") + "[@name='tenant']/" + el("option")));
        assertEquals(List.of("BLOCKED1", "REPORTED12"),
                texts(page, "//" + el("table") + "[@id='by-action']/" + el("tbody") + "/" + el("tr")).stream().sorted()
                        .toList());
        Node first = select(page, "(//" + el("tr") + "[@class='site'])[1]").get(0);
        assertEquals("[\"acme\",\"globex\",\"initech\"]", attribute(first, "data-tenants"));
        assertEquals("[[\"acme\",\"globex\"],[\"initech\",\"globex\"]]", attribute(first, "data-pairs"));
        assertEquals(Fixtures.SITE_FIND, attribute(first, "data-site"));
        assertEquals("9", attribute(first, "data-count"));
    }

    private static String attribute(Node node, String name) {
        return node.getAttributes().getNamedItem(name).getNodeValue();
    }

    @Test
    void markupInAnyFieldIsShownAsText() throws Exception {
        String evil = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;'\\\"]]><!--";
        String json = "{\"time\":\"2026-11-29T08:00:01Z\",\"kind\":\"CROSS_TENANT\",\"family\":\"files\","
                + "\"operation\":\"READ\",\"resource\":\"/srv/" + evil + "\",\"resourceTenant\":\"" + evil + "\","
                + "\"activeTenant\":\"a\\u0000b\\u001b[31m\\ud800\",\"rule\":\"" + evil + "\",\"action\":\"" + evil
                + "\",\"thread\":\"" + evil + "\",\"callSite\":\"" + evil + "\",\"stack\":[\"" + evil + "\"],"
                + "\"message\":\"" + evil + "\",\"sql\":\"" + evil + "\",\"count\":1}\n"
                + "{\"kind\":\"" + evil + "\n";
        ViolationLog log = Fixtures.read(json);
        assertEquals(1, log.sites.size(), log.malformed.toString());
        String unescaped = evil.replace("\\\"", "\"");

        String page = HtmlReport.render("/tmp/<b>" + evil + ".jsonl", log);
        Document dom = Xhtml.parse(page);

        assertEquals(2, page.split("<script", -1).length - 1, "the page's own scripts only");
        assertEquals(List.of(), texts(dom, "//" + el("script") + "[contains(., 'alert')]"));
        assertFalse(page.contains("<img"), page);
        assertFalse(page.contains("<b>"), page);
        assertEquals(List.of(), select(dom, "//" + el("img") + " | //@onerror"));
        assertEquals(List.of(unescaped), texts(dom, "//" + el("code") + "[@class='call-site']"));
        assertEquals(List.of("/srv/" + unescaped), texts(dom, "//" + el("tr") + "[@class='site']//" + el("div") + "[2]/"
                + el("code")));
        assertEquals(List.of(unescaped), texts(dom, "//" + el("pre") + "[@class='sql']"));
        assertEquals(List.of(unescaped + "\n"), texts(dom, "//" + el("pre") + "[@class='stack']"));
        assertEquals(List.of("a\\u0000b\\u001b[31m\ufffd -> " + unescaped),
                texts(dom, "//" + el("ul") + "[@class='tenants']/" + el("li")));
        assertEquals(List.of("other"), select(dom, "//" + el("tr") + "[@class='site']/" + el("td") + "[3]/@class")
                .stream().map(Node::getNodeValue).toList(), "an odd action is no class name");
        assertTrue(texts(dom, "//" + el("p") + "[@id='summary']").get(0).contains("/tmp/<b>" + evil + ".jsonl"));
    }

    @Test
    void anEmptyFileGivesAPageSayingSo() throws Exception {
        Document page = Xhtml.parse(HtmlReport.render("empty.jsonl", Fixtures.read("")));

        assertEquals(List.of("No events in this file."), texts(page, "//" + el("p") + "[@id='empty']"));
        assertEquals(List.of(), select(page, "//" + el("svg")));
    }
}
