package dev.tenantguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tenantguard.agent.report.Json;
import dev.tenantguard.agent.report.ViolationEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report in a real browser: Debian's headless Chromium loads the page from a file, with the
 * filter in the URL fragment, and the test reads what the page's script recorded in
 * {@code <output id="page-state">} from the dumped DOM: rows shown, script errors, and whether the
 * document is wider than the 1280 px window. Screenshots go to {@code target/html-report/}.
 *
 * <p>Without {@code /usr/bin/chromium} (or {@code -Dtgtest.chromium=PATH}) the test fails and says how to
 * install it; {@code -Dtgtest.skipBrowser=true} skips it with a warning instead.
 */
class HtmlReportBrowserTest {
    private static final String[] KINDS = {"CROSS_TENANT", "NO_TENANT", "UNSCOPED_QUERY"};
    private static final String[] FAMILIES = {"files", "jdbc", "http"};
    private static final String[] TENANTS = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne",
        "tyrell"};
    private static final int SITES = 60;
    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    private static Path dir;
    private static Path page;
    private static String chromium;
    /** The generated call sites, as the test knows them independently of the page. */
    private static final List<Generated> generated = new ArrayList<>();

    private record Generated(String kind, String family, String action, String active, String owner, String callSite,
            long count) {
    }

    @BeforeAll
    static void writeTheReport() throws Exception {
        chromium = System.getProperty("tgtest.chromium", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            String how = "the HTML report's browser test needs Chromium at " + chromium
                    + ": install it with 'apt-get install -y chromium' (Debian), point -Dtgtest.chromium=PATH at one,"
                    + " or skip this test with -Dtgtest.skipBrowser=true";
            if (Boolean.getBoolean("tgtest.skipBrowser")) {
                System.err.println("WARNING: skipping HtmlReportBrowserTest: " + how);
                Assumptions.abort(how);
            }
            fail(how);
        }
        dir = Path.of("target", "html-report").toAbsolutePath();
        Files.createDirectories(dir);
        Path jsonl = dir.resolve("fleet-violations.jsonl");
        Files.writeString(jsonl, fixture(), StandardCharsets.UTF_8);
        page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(jsonl.toString(), ViolationLog.read(jsonl)), StandardCharsets.UTF_8);
    }

    /** 60 call sites over 40 minutes: every kind, family and action, 8 tenants, very long call sites and SQL. */
    private static String fixture() {
        StringBuilder out = new StringBuilder();
        String columns = String.join(",", Collections.nCopies(150, "order_line_item_amount_column"));
        for (int i = 0; i < SITES; i++) {
            String kind = KINDS[i % 3];
            String family = FAMILIES[(i / 3) % 3];
            String action = i % 7 == 0 ? "BLOCKED" : "REPORTED";
            String active = kind.equals("NO_TENANT") ? null : TENANTS[(i + 3) % 8];
            String owner = kind.equals("UNSCOPED_QUERY") ? null : TENANTS[i % 8];
            String callSite = i % 5 == 0
                    ? "com.example." + "averyveryverylongpackagesegmentwithoutanybreak".repeat(6) + ".Repository.find"
                            + i + "(Repository.java:" + (100 + i) + ")"
                    : "com.example.fleet.Repo" + i + ".run(Repo" + i + ".java:" + (10 + i) + ")";
            String sql = family.equals("jdbc") ? "SELECT " + columns + " FROM orders WHERE id = ?" : null;
            long count = i % 2 == 0 ? i + 2 : 1;
            generated.add(new Generated(kind, family, action, active, owner, callSite, count));
            String resource = family.equals("http") ? "https://" + owner + ".api.example.com/v1/orders/" + i
                    : "/srv/data/tenants/" + owner + "/orders/" + "x".repeat(120) + i + ".csv";
            Instant time = START.plusSeconds(i * 20L);
            out.append(line(time, kind, family, action, active, owner, resource, callSite, sql, 1));
            if (count > 1) {
                out.append(line(time.plus(Duration.ofMinutes(20)), kind, family, action, active, owner, resource,
                        callSite, sql, count));
            }
        }
        return out.toString();
    }

    private static String line(Instant time, String kind, String family, String action, String active, String owner,
            String resource, String callSite, String sql, long count) {
        ViolationEvent event = new ViolationEvent(time, kind, family, "READ", resource, owner, active,
                family + " rule {tenant}", action, "worker-1", callSite, List.of(callSite, "com.example.Main.main(Main.java:1)"),
                "tenant " + active + " tried to READ " + resource, sql);
        return Json.line(event, count) + "\n";
    }

    @Test
    void loadsWithoutScriptErrorsAndFitsA1280PixelWindow() throws Exception {
        Browser run = dumpDom("");
        Map<String, String> state = run.state();

        assertEquals("true", state.get("data-ready"), "the page's script ran to its end\n" + run);
        assertEquals("", state.get("data-errors"), "no script error\n" + run);
        assertFalse(run.dom.matches("(?s)<html[^>]*data-errors.*"), "no error before the page's script ran\n" + run);
        assertFalse(run.stderr.contains("Uncaught"), "no uncaught error on the console:\n" + run.stderr);
        assertEquals(String.valueOf(SITES), state.get("data-rows"));
        assertEquals(String.valueOf(SITES), state.get("data-shown"), "no filter: every call site");
        int clientWidth = Integer.parseInt(state.get("data-client-width"));
        int scrollWidth = Integer.parseInt(state.get("data-scroll-width"));
        assertTrue(clientWidth >= 1200 && clientWidth <= 1280, "the window is 1280 px wide: " + clientWidth);
        assertTrue(scrollWidth <= clientWidth, "no horizontal overflow: document " + scrollWidth + " px in "
                + clientWidth + " px");
        assertEquals("false", state.get("data-overflow"));
        List<Long> order = order(state);
        List<Long> descending = new ArrayList<>(order);
        descending.sort(Collections.reverseOrder());
        assertEquals(descending, order, "most frequent first");
    }

    @Test
    void aFilterInTheFragmentShowsOnlyItsRows() throws Exception {
        Browser run = dumpDom("#kind=NO_TENANT&tenant=acme");
        Map<String, String> state = run.state();

        Set<String> expected = new TreeSet<>();
        for (Generated g : generated) {
            if (g.kind.equals("NO_TENANT") && ("acme".equals(g.active) || "acme".equals(g.owner))) {
                expected.add(g.callSite);
            }
        }
        assertTrue(expected.size() > 0 && expected.size() < SITES / 3, expected.toString());
        assertEquals(String.valueOf(expected.size()), state.get("data-shown"), run.toString());
        assertEquals(expected, visibleSites(run.dom), "the rows left visible are exactly the filtered ones");
        assertEquals("", state.get("data-errors"));
    }

    @Test
    void theTimelineAndTheMatrixCountOnlyTheFilteredCallSites() throws Exception {
        Browser all = dumpDom("");
        Browser run = dumpDom("#kind=NO_TENANT&tenant=acme");

        long everything = generated.stream().mapToLong(Generated::count).sum();
        Map<List<String>, Long> expectedPairs = new HashMap<>();
        long expectedTotal = 0;
        for (Generated g : generated) {
            if (g.kind.equals("NO_TENANT") && ("acme".equals(g.active) || "acme".equals(g.owner))) {
                expectedPairs.merge(pairOf(g), g.count, Long::sum);
                expectedTotal += g.count;
            }
        }
        assertTrue(expectedTotal > 0 && expectedTotal < everything / 3, "a filter that leaves a few: " + expectedTotal);

        Map<Integer, Long> barsOfAll = bars(all.dom);
        Map<Integer, Long> barsOfFilter = bars(run.dom);
        assertEquals(everything, barsOfAll.values().stream().mapToLong(Long::longValue).sum(), "no filter: every violation");
        assertEquals(expectedTotal, barsOfFilter.values().stream().mapToLong(Long::longValue).sum(),
                "the bars sum to the filtered call sites' violations\n" + run);
        barsOfFilter.forEach((bar, n) -> assertTrue(n <= barsOfAll.get(bar), "bar " + bar + ": " + n + " of " + barsOfAll));
        assertTrue(barsOfFilter.values().stream().anyMatch(n -> n == 0), "bars of hidden call sites drop to 0");

        Map<List<String>, Long> cells = matrix(run.dom);
        Map<List<String>, Long> nonZero = new HashMap<>();
        cells.forEach((pair, n) -> {
            if (n != 0) {
                nonZero.put(pair, n);
            }
        });
        assertEquals(expectedPairs, nonZero, "the matrix counts the filtered call sites' tenant pairs only");
        Map<List<String>, Long> allPairs = new HashMap<>();
        generated.forEach(g -> allPairs.merge(pairOf(g), g.count, Long::sum));
        assertEquals(allPairs, matrix(all.dom).entrySet().stream().filter(e -> e.getValue() != 0)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "no filter: every pair");
        assertEquals("", run.state().get("data-errors"));
    }

    private static List<String> pairOf(Generated g) {
        return List.of(g.active == null ? "(none)" : g.active, g.owner == null ? "(none)" : g.owner);
    }

    /** The chart's bars as the page shows them: bar index to the count in its tooltip. */
    private static Map<Integer, Long> bars(String dom) {
        Map<Integer, Long> bars = new HashMap<>();
        Matcher bar = Pattern.compile("<rect class=\"bar\"([^>]*)><title>([^<]*): (\\d+)</title>").matcher(dom);
        while (bar.find()) {
            bars.put(Integer.parseInt(attributes(bar.group(1)).get("data-bar")), Long.parseLong(bar.group(3)));
        }
        assertFalse(bars.isEmpty(), "no bars in the chart");
        return bars;
    }

    /** The tenant matrix as the page shows it: (row, column) to the number in its cell. */
    private static Map<List<String>, Long> matrix(String dom) {
        Map<List<String>, Long> cells = new HashMap<>();
        Matcher cell = Pattern.compile("<td class=\"[^\"]*\"([^>]*data-row=[^>]*)>(?:<a [^>]*>)?(\\d+)(?:</a>)?</td>")
                .matcher(dom);
        while (cell.find()) {
            Map<String, String> attributes = attributes(cell.group(1));
            cells.put(List.of(attributes.get("data-row"), attributes.get("data-col")), Long.parseLong(cell.group(2)));
        }
        assertFalse(cells.isEmpty(), "no cells in the matrix");
        return cells;
    }

    @Test
    void aTenantPairFromTheMatrixAndASortAscending() throws Exception {
        // the pair of tenants whose call sites have the most different counts, so that the order shows
        Map<List<String>, Set<Long>> countsOfPair = new HashMap<>();
        for (Generated g : generated) {
            if (g.active != null && g.owner != null) {
                countsOfPair.computeIfAbsent(List.of(g.active, g.owner), k -> new TreeSet<>()).add(g.count);
            }
        }
        List<String> pair = countsOfPair.entrySet().stream().max((a, b) -> a.getValue().size() - b.getValue().size())
                .orElseThrow().getKey();
        Browser run = dumpDom("#active=" + pair.get(0) + "&owner=" + pair.get(1) + "&sort=count&dir=asc");
        Map<String, String> state = run.state();

        List<Long> expected = new ArrayList<>();
        for (Generated g : generated) {
            if (pair.equals(java.util.Arrays.asList(g.active, g.owner))) {
                expected.add(g.count);
            }
        }
        Collections.sort(expected);
        assertTrue(new TreeSet<>(expected).size() > 1, expected.toString());
        assertEquals(String.valueOf(expected.size()), state.get("data-shown"), run.toString());
        List<Long> visibleOrder = new ArrayList<>();
        Map<String, Long> countOf = new HashMap<>();
        generated.forEach(g -> countOf.put(g.callSite, g.count));
        for (String site : visibleSitesInOrder(run.dom)) {
            visibleOrder.add(countOf.get(site));
        }
        assertEquals(expected, visibleOrder, "the pair's rows, fewest first");
        assertTrue(Pattern.compile("<td class=\"[^\"]*\\bactive-pair\\b[^\"]*\" data-active=\"" + pair.get(0)
                + "\" data-owner=\"" + pair.get(1) + "\"").matcher(run.dom).find(), "the matrix cell of the pair is marked");
        long pairTotal = generated.stream().filter(g -> pair.equals(java.util.Arrays.asList(g.active, g.owner)))
                .mapToLong(Generated::count).sum();
        Map<List<String>, Long> shownPairs = new HashMap<>();
        matrix(run.dom).forEach((p, n) -> {
            if (n != 0) {
                shownPairs.put(p, n);
            }
        });
        assertEquals(Map.of(pair, pairTotal), shownPairs, "the matrix shows the pair's violations alone");
    }

    @Test
    void screenshotsAt1280Pixels() throws Exception {
        // the window as a user sees it, then the whole page in one tall window of the same width
        for (int height : new int[] {900, 6000}) {
            Path png = dir.resolve(height == 900 ? "report-1280.png" : "report-1280-full.png");
            Files.deleteIfExists(png);
            Browser run = chromium("", "--screenshot=" + png, height);
            assertTrue(Files.isRegularFile(png) && Files.size(png) > 10_000, "a screenshot was written: " + png + "\n" + run);
            byte[] header = Files.readAllBytes(png);
            // PNG signature, then the IHDR width and height (big-endian at offsets 16 and 20)
            assertEquals(0x89, header[0] & 0xff);
            assertEquals(1280, int32(header, 16), "the screenshot is 1280 px wide");
            assertEquals(height, int32(header, 20));
        }
    }

    private static int int32(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }

    private static List<Long> order(Map<String, String> state) {
        List<Long> order = new ArrayList<>();
        for (String n : state.get("data-order").split(" ")) {
            order.add(Long.parseLong(n));
        }
        return order;
    }

    private static Set<String> visibleSites(String dom) {
        return new TreeSet<>(visibleSitesInOrder(dom));
    }

    private static List<String> visibleSitesInOrder(String dom) {
        List<String> sites = new ArrayList<>();
        Matcher row = Pattern.compile("<tr class=\"site\"([^>]*)>").matcher(dom);
        while (row.find()) {
            Map<String, String> attributes = attributes(row.group(1));
            if (!attributes.containsKey("hidden") && !row.group(1).matches(".*\\shidden(\\s|=|$).*")) {
                sites.add(attributes.get("data-site").replace("&amp;", "&"));
            }
        }
        return sites;
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new HashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            attributes.put(m.group(1), m.group(2));
        }
        return attributes;
    }

    private record Browser(List<String> command, int exit, String dom, String stderr) {
        Map<String, String> state() {
            Matcher output = Pattern.compile("<output id=\"page-state\"([^>]*)>").matcher(dom);
            assertTrue(output.find(), "no page-state in the dumped DOM\n" + this);
            return attributes(output.group(1));
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exit + "\nstderr:\n" + stderr;
        }
    }

    private static Browser dumpDom(String fragment) throws Exception {
        return chromium(fragment, "--dump-dom", 900);
    }

    private static Browser chromium(String fragment, String action, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("tg-chromium");
        try {
            List<String> command = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--window-size=1280," + height,
                    "--enable-logging=stderr", "--v=0", action, page.toUri() + fragment);
            Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
            Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            Browser run = new Browser(command, process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            assertEquals(0, run.exit, run.toString());
            return run;
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (var children = Files.list(path)) {
                for (Path child : children.toList()) {
                    delete(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
