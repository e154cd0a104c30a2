package dev.tenantguard.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report generator on a small run whose numbers are chosen so every figure can be checked by
 * hand (src/test/resources/report-fixture): ratios and their errors, bytes added, each target's
 * verdict (met, missed, or unresolved when the interval reaches across the target), the start-up medians, and the chart's bars.
 */
class ResultsReportTest {
    @TempDir
    Path out;

    private String markdown() throws IOException, URISyntaxException {
        ResultsReport.write(fixture(), out);
        return Files.readString(out.resolve(ResultsReport.MARKDOWN_FILE), StandardCharsets.UTF_8);
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(ResultsReportTest.class.getResource("/report-fixture/run.json").toURI()).getParent();
    }

    @Test
    void headerSaysWhatKindOfRunOnWhichMachine() throws Exception {
        String md = markdown();
        assertTrue(md.startsWith("# tenant-guard benchmarks — QUICK PASS"), md);
        assertTrue(md.contains("- date: 2026-11-29T09:00:00Z"), md);
        assertTrue(md.contains("- JDK: OpenJDK 64-Bit Server VM 17.0.15+6"), md);
        assertTrue(md.contains("- CPUs: 2 "), md);
        assertTrue(md.contains("OpenTelemetry Java agent 2.31.1"), md);
    }

    @Test
    void rowsCarryScoreRatioWithItsIntervalAndBytesAdded() throws Exception {
        String md = markdown();
        // 5 forks a side: fork means 1000 (all) and 1040…1060; the bootstrap interval of the ratio lies
        // within the forks' range and around the point estimate
        Matcher row = Pattern.compile("\\| `new FileInputStream\\(f\\).close\\(\\)` \\| tg-enforce \\| 1,050 ± 10 ns \\| "
                + "×1\\.050 \\[(1\\.\\d{3}), (1\\.\\d{3})\\] \\| 144 \\| \\+0\\.0 \\|").matcher(md);
        assertTrue(row.find(), md);
        double lo = Double.parseDouble(row.group(1));
        double hi = Double.parseDouble(row.group(2));
        assertTrue(lo >= 1.040 && lo < 1.050 && hi > 1.050 && hi <= 1.060, row.group());
        // one fork: JMH's iteration error stands in, marked ~: 1015/1000, 1.015 * hypot(5/1000, 10/1015) = 0.0112
        assertTrue(md.contains("| H2 bind + execute, prepared once | tg-enforce | 1,015 ± 10 ns | ×1.015 ~[1.004, 1.026] | 2,400 | +0.0 |"), md);
        // JMH gives no error: the ratio stands alone; 820 - 144 bytes added
        assertTrue(md.contains("| `new FileInputStream(f).close()` | security-manager | 1,500 ns | ×1.500 | 820 | +676 |"), md);
        assertTrue(md.contains("| `new FileInputStream(f).close()` | no-agent | 1,000 ± 10 ns | – | 144 | – |"), md);
        assertTrue(md.contains("| file check, hit: own tenant's path [rules=100] | no-agent | 8.50 ± 0.20 ns | – | 0.0 | – |"), md);
    }

    @Test
    void targetsAreJudgedFromTheNumbers() throws Exception {
        List<String> lines = markdown().lines().toList();
        // the whole interval over forks is above 1.01: decided
        assertTrue(line(lines, "| file open+close").matches(
                "\\| file open\\+close and Files.readAllBytes ≤ 1% and 0 B/op added \\| `new FileInputStream\\(f\\).close\\(\\)` \\| ×1\\.050 "
                        + "\\[1\\.0\\d\\d, 1\\.0\\d\\d\\] \\(\\+50\\.00 ns \\[\\d\\d\\.\\d\\d, \\d\\d\\.\\d\\d\\]\\), \\+0\\.0 B/op \\| \\*\\*MISSED\\*\\* \\|"),
                line(lines, "| file open+close"));
        // 1.015 meets 1.02, but its interval (up to 1.026) reaches across it: not shown, counted as missed
        assertEquals("| H2 prepared select ≤ 2% and 0 B/op added | H2 bind + execute, prepared once | ×1.015 ~[1.004, 1.026] "
                + "(+15.00 ns ~[3.82, 26.18]), +0.0 B/op | **UNRESOLVED** (estimate within the target) |",
                line(lines, "| H2 prepared select"));
        // tenant-guard adds 15 ns (at most 26.2), OpenTelemetry 1000 ns (at least 979): 66.7 times less, beyond the intervals
        assertTrue(line(lines, "| ≥ 10× less").contains(": 66.7× less | **MET** |"), line(lines, "| ≥ 10× less"));
        assertTrue(line(lines, "| allow path").contains("| file check, hit: own tenant's path [rules=100] | 8.50 ns ~[8.30, 8.70], 0.0 B/op | **MET** |"),
                line(lines, "| allow path"));
        // medians 180 and 100 ms; even the extremes (182 - 98) stay within 100 ms
        assertEquals("| start-up ≤ 100 ms added to hello world | hello-world, median of 3 launches | 80 ms added (180 vs 100 ms) | **MET** |",
                line(lines, "| start-up ≤ 100"));
        assertTrue(lines.contains("| local HTTP GET ≤ 0.5% and 0 B/op added | – | not measured in this run | **NOT MEASURED** |"));
        assertTrue(lines.contains("3 of 5 checks met, 1 missed, 1 unresolved (counted as missed), 6 targets not measured."), String.join("\n", lines));
    }

    @Test
    void startupTableHasMediansAndAddedTime() throws Exception {
        String md = markdown();
        assertTrue(md.contains("| hello-world, process exit | tg-enforce | 180 ms (n=3) | 178 – 182 ms | +80 ms |"), md);
        assertTrue(md.contains("Process launches, arms taking turns, after one unmeasured launch per application and arm."), md);
    }

    @Test
    void anArmAnApplicationLeavesOutIsSaidWithItsReason() throws Exception {
        assertTrue(markdown().contains("| +80 ms |\n\n"
                + "- security-manager: not measured for notes-service (a file-only policy cannot run a network service)\n\n"));
    }

    @Test
    void chartHasOneBarPerRatio() throws Exception {
        markdown();
        String svg = Files.readString(out.resolve(ResultsReport.CHART_FILE), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg "));
        // bars (the legend squares are 10 high): file: tg-enforce, security-manager; H2: tg-enforce, otel; start-up: tg-enforce
        Matcher bars = Pattern.compile("<rect [^>]* height=\"11\"").matcher(svg);
        int count = 0;
        while (bars.find()) {
            count++;
        }
        assertEquals(5, count, svg);
        assertTrue(svg.contains(">×1.05</text>") && svg.contains(">×2.00</text>") && svg.contains(">×1.80</text>"), svg);
        assertTrue(svg.contains("new FileInputStream(f).close() · security-manager"), svg);
    }

    @Test
    void jsonReaderReadsWhatJmhWrites() {
        Object parsed = JsonReader.parse("{\"a\": [1, -2.5e3, \"NaN\", true, null], \"b\": \"x\\\"\\u00e9\\n\", \"c\": {}}");
        Map<?, ?> map = (Map<?, ?>) parsed;
        List<?> a = (List<?>) map.get("a");
        assertEquals(1.0, a.get(0));
        assertEquals(-2500.0, a.get(1));
        assertTrue(Double.isNaN(Measurement.number(a.get(2))));
        assertEquals(Boolean.TRUE, a.get(3));
        assertNull(a.get(4));
        assertEquals("x\"é\n", map.get("b"));
        assertTrue(((Map<?, ?>) map.get("c")).isEmpty());
    }

    @Test
    void malformedJsonNamesTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\n\"a\": [1,\n}"));
        assertTrue(e.getMessage().startsWith("JSON line 3"), e.getMessage());
    }

    @Test
    void aResultWithoutItsArmIsRejected() {
        Map<String, Object> entry = Map.of("benchmark", "x.Y.z", "jvmArgs", List.of("-Xmx1g"),
                "primaryMetric", Map.of("score", 1.0, "scoreError", 0.1, "scoreUnit", "ns/op"));
        assertThrows(IllegalArgumentException.class, () -> Measurement.fromJmh(entry));
        assertFalse(Measurement.ARM_PROPERTY.isEmpty());
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no line starting " + prefix + ")");
    }
}
