package dev.tenantguard.agent.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HTML form of a {@link ViolationLog}: one self-contained page (inline CSS, SVG and script,
 * nothing fetched), written as XHTML-compatible HTML so that an XML parser can check it. Every value
 * from the file goes through {@link #esc}; the script reads values only from {@code data-*}
 * attributes and writes text only through {@code textContent}.
 *
 * <p>Without script the page shows everything. With it, the call sites can be filtered by kind,
 * family, action, tenant, tenant pair and call site text, and sorted by any column; the filter and
 * sort live in the URL fragment ({@code #kind=NO_TENANT&tenant=acme&sort=count&dir=desc}), so a
 * filtered view can be bookmarked or sent, and the cells of the tenant matrix are links to it. The
 * script records its state in {@code <output id="page-state">} (rows shown, any script error, whether
 * the page is wider than the window): the browser test reads it from the dumped DOM.
 */
final class HtmlReport {
    /**
     * Bucket sizes of the chart, in milliseconds: the first that gives at most {@link #MAX_BARS} bars
     * is used, so a run of half a second is charted in 10 ms buckets and a day in 30 minutes.
     */
    private static final long[] BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000,
        30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000,
        43_200_000, 86_400_000, 7 * 86_400_000L, 30 * 86_400_000L, 365 * 86_400_000L};
    static final int MAX_BARS = 60;
    /** Tenants of the matrix, per axis; the rest are summed in one "others" row or column. */
    static final int MATRIX_TENANTS = 40;
    private static final String OTHERS = "(others)";
    private static final int NAMED_MALFORMED = 50;
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME_MS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_MS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private static final String STYLE = String.join("\n",
            "*{box-sizing:border-box;}",
            "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5em 2em;color:#1d1d1f;}",
            "h1{font-size:1.5em;}h2{font-size:1.2em;margin-top:1.6em;}",
            "table{border-collapse:collapse;margin:.5em 1.5em .5em 0;}",
            "th,td{border:1px solid #d0d0d7;padding:.3em .6em;text-align:left;vertical-align:top;overflow-wrap:break-word;}",
            "th{background:#f2f2f6;}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;}",
            ".totals{display:flex;flex-wrap:wrap;align-items:flex-start;}caption{text-align:left;font-weight:bold;padding:.2em 0;}",
            "code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;}",
            "code{overflow-wrap:anywhere;word-break:break-word;}",
            "pre{background:#f7f7f9;padding:.5em;margin:.3em 0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all;}",
            "ul.tenants{margin:0;padding-left:1.1em;}.BLOCKED{color:#b00020;font-weight:bold;}",
            ".REPORTED{color:#a05a00;}.bad{color:#b00020;}.muted{color:#6e6e73;}",
            "svg.chart{max-width:100%;height:auto;}",
            "svg .bar{fill:#4a6fd8;}svg .axis{stroke:#888;}svg text{font-size:11px;fill:#444;}",
            ".scroll{max-width:100%;overflow-x:auto;}",
            "#sites-table{table-layout:fixed;width:100%;margin-right:0;}",
            "#sites-table{font-size:.95em;}#sites-table th,#sites-table td{padding:.3em .45em;}",
            "#sites-table col.count{width:4.5em;}#sites-table col.kind{width:10.5em;}",
            "#sites-table col.action{width:7.5em;}#sites-table col.family{width:5em;}#sites-table col.op{width:7em;}",
            "#sites-table col.tenants{width:10em;}#sites-table td:last-child{overflow-wrap:anywhere;}",
            "pre.sql,pre.stack{max-height:14em;overflow-y:auto;}",
            "th button{font:inherit;font-weight:bold;border:0;background:none;padding:0;cursor:pointer;text-align:left;}",
            "th button[data-dir=asc]::after{content:' \\25B2';}th button[data-dir=desc]::after{content:' \\25BC';}",
            "#filters{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:flex-end;margin:.5em 0;}",
            "#filters label{display:flex;flex-direction:column;font-size:.85em;color:#444;}",
            "#filters select,#filters input{font:inherit;font-size:1em;max-width:16em;}",
            "#tenant-matrix td.zero{color:#c0c0c6;}#tenant-matrix td.hot{background:#fde7e7;}",
            "#tenant-matrix .active-pair{outline:2px solid #4a6fd8;}",
            "tr.site[hidden]{display:none;}");

    /** Collects script errors from the start, before the page's own script runs. */
    private static final String ERROR_SCRIPT = "window.tgErrors=[];window.addEventListener('error',function(e){"
            + "window.tgErrors.push(String(e.message||e));"
            + "document.documentElement.setAttribute('data-errors',window.tgErrors.join(' | '));});";

    private HtmlReport() {
    }

    static String render(String source, ViolationLog log) {
        StringBuilder out = new StringBuilder(16_384);
        List<ViolationLog.Site> violations = log.violations();
        List<ViolationLog.Site> audits = log.audits();
        long total = log.violationCount();
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>tenant-guard report</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n<script>//<![CDATA[\n").append(ERROR_SCRIPT).append("\n//]]></script>\n")
                .append("</head>\n<body>\n<h1>tenant-guard violation report</h1>\n");
        out.append("<p id=\"summary\"><strong>").append(total).append(total == 1 ? " violation" : " violations")
                .append("</strong> at ").append(violations.size())
                .append(violations.size() == 1 ? " call site" : " call sites");
        if (!audits.isEmpty()) {
            long entered = audits.stream().mapToLong(s -> s.count).sum();
            out.append("; ").append(entered).append(entered == 1 ? " privileged scope entry" : " privileged scope entries");
        }
        out.append(".<br/><span class=\"muted\">From <code>").append(esc(source)).append("</code>, ").append(log.lines)
                .append(log.lines == 1 ? " line" : " lines");
        Instant first = log.sites.stream().map(s -> s.first).min(Instant::compareTo).orElse(null);
        Instant last = log.sites.stream().map(s -> s.last).max(Instant::compareTo).orElse(null);
        if (first != null) {
            out.append(", ").append(DATE_TIME.format(first)).append(" to ").append(DATE_TIME.format(last)).append(" UTC");
        }
        out.append(".</span></p>\n");
        malformed(out, log);
        if (!violations.isEmpty()) {
            out.append("<section id=\"totals\">\n<h2>Totals</h2>\n<div class=\"totals\">\n");
            totals(out, "by-kind", "by kind", "kind", log.byKind());
            totals(out, "by-family", "by family", "family", log.byFamily());
            totals(out, "by-action", "by action", "action", log.byAction());
            out.append("</div>\n</section>\n");
            Timeline timeline = Timeline.of(log.occurrences);
            matrix(out, log.pairs);
            chart(out, timeline, log.occurrences);
            sites(out, violations, timeline);
        }
        if (!audits.isEmpty()) {
            audits(out, audits);
        }
        if (log.sites.isEmpty()) {
            out.append("<p id=\"empty\">No events in this file.</p>\n");
        }
        out.append("<output id=\"page-state\" hidden=\"hidden\"></output>\n")
                .append("<script>//<![CDATA[\n").append(PageScript.SOURCE).append("\n//]]></script>\n");
        return out.append("</body>\n</html>\n").toString();
    }

    private static void malformed(StringBuilder out, ViolationLog log) {
        if (log.malformed.isEmpty()) {
            return;
        }
        int n = log.malformed.size();
        out.append("<section id=\"malformed\">\n<h2>Malformed lines</h2>\n<p class=\"bad\">").append(n)
                .append(n == 1 ? " line" : " lines").append(" could not be read and ")
                .append(n == 1 ? "was" : "were").append(" skipped.</p>\n<ul>\n");
        for (int i = 0; i < Math.min(n, NAMED_MALFORMED); i++) {
            ViolationLog.Malformed m = log.malformed.get(i);
            out.append("<li>line ").append(m.line()).append(": ").append(esc(m.reason())).append("</li>\n");
        }
        if (n > NAMED_MALFORMED) {
            out.append("<li>and ").append(n - NAMED_MALFORMED).append(" more</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private static void totals(StringBuilder out, String id, String caption, String column, Map<String, Long> totals) {
        out.append("<table id=\"").append(id).append("\">\n<caption>").append(caption).append("</caption>\n")
                .append("<thead><tr><th>").append(column).append("</th><th>violations</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            out.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(e.getValue())
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /**
     * Who crossed into whom: violations per tenant in context (rows) and tenant owning the resource
     * (columns). Each non-empty cell links to the call sites filtered to its pair.
     */
    private static void matrix(StringBuilder out, Map<ViolationLog.TenantPair, Long> pairs) {
        Map<String, Long> actives = new LinkedHashMap<>();
        Map<String, Long> owners = new LinkedHashMap<>();
        for (Map.Entry<ViolationLog.TenantPair, Long> e : pairs.entrySet()) {
            actives.merge(e.getKey().active(), e.getValue(), Long::sum);
            owners.merge(e.getKey().owner(), e.getValue(), Long::sum);
        }
        List<String> rows = axis(actives);
        List<String> columns = axis(owners);
        Map<String, Map<String, Long>> cells = new HashMap<>();
        long top = 1;
        for (Map.Entry<ViolationLog.TenantPair, Long> e : pairs.entrySet()) {
            String row = rows.contains(e.getKey().active()) ? e.getKey().active() : OTHERS;
            String column = columns.contains(e.getKey().owner()) ? e.getKey().owner() : OTHERS;
            long sum = cells.computeIfAbsent(row, k -> new HashMap<>()).merge(column, e.getValue(), Long::sum);
            top = Math.max(top, sum);
        }
        out.append("<section id=\"tenants\">\n<h2>Tenants: who crossed into whom</h2>\n<p class=\"muted\">")
                .append("Violations by the tenant in context (rows) and the tenant that owns the resource (columns);")
                .append(" (none) is no tenant. A click on a number shows its call sites. The repeats that one line of")
                .append(" the file counts are counted for the tenants of that line. The counts follow the filters")
                .append(" of the call sites.</p>\n<div class=\"scroll\">\n")
                .append("<table id=\"tenant-matrix\">\n<thead><tr><th>in context \u2193 / owner \u2192</th>");
        for (String column : columns) {
            out.append("<th class=\"n\" scope=\"col\">").append(esc(column)).append("</th>");
        }
        out.append("<th class=\"n\">all</th></tr></thead>\n<tbody>\n");
        for (String row : rows) {
            out.append("<tr><th scope=\"row\">").append(esc(row)).append("</th>");
            long rowSum = 0;
            for (String column : columns) {
                long n = cells.getOrDefault(row, Map.of()).getOrDefault(column, 0L);
                rowSum += n;
                // data-row and data-col on every cell: the script redraws the counts of the filtered call sites
                String axes = " data-row=\"" + esc(row) + "\" data-col=\"" + esc(column) + "\"";
                if (n == 0) {
                    out.append("<td class=\"n zero\"").append(axes).append(">0</td>");
                    continue;
                }
                out.append("<td class=\"n").append(n * 4 >= top ? " hot" : "").append("\"");
                if (!row.equals(OTHERS) && !column.equals(OTHERS)) {
                    out.append(" data-active=\"").append(esc(row)).append("\" data-owner=\"").append(esc(column))
                            .append("\"").append(axes).append("><a href=\"#active=").append(esc(fragment(row)))
                            .append("&amp;owner=").append(esc(fragment(column))).append("\">").append(n)
                            .append("</a></td>");
                } else {
                    out.append(axes).append(">").append(n).append("</td>");
                }
            }
            out.append("<td class=\"n\" data-row-total=\"").append(esc(row)).append("\">").append(rowSum)
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /** The tenants of one axis, most violations first, the tail beyond {@link #MATRIX_TENANTS} as one. */
    private static List<String> axis(Map<String, Long> totals) {
        List<String> names = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
        if (names.size() <= MATRIX_TENANTS) {
            return names;
        }
        List<String> kept = new ArrayList<>(names.subList(0, MATRIX_TENANTS - 1));
        kept.add(OTHERS);
        return kept;
    }

    /** {@code value} percent-encoded for the URL fragment, as the page's script decodes it. */
    static String fragment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A bar chart of the violations per time bucket, the bucket chosen to fit the span of the data
     * (at most {@link #MAX_BARS} bars, from 1 ms to a year); a repeat counts at the time its line was
     * written.
     */
    private static void chart(StringBuilder out, Timeline timeline, List<ViolationLog.Occurrence> occurrences) {
        long bucket = timeline.bucket;
        long start = timeline.start;
        int bars = timeline.bars;
        long[] counts = new long[bars];
        for (ViolationLog.Occurrence o : occurrences) {
            counts[timeline.bar(o)] += o.count();
        }
        long top = 1;
        for (long c : counts) {
            top = Math.max(top, c);
        }
        int left = 48;
        int plotWidth = 1000;
        int plotHeight = 180;
        int width = left + plotWidth + 16;
        int height = plotHeight + 40;
        double barWidth = (double) plotWidth / bars;
        DateTimeFormatter axisFormat = bucket < 1_000 ? TIME_MS : bucket >= 86_400_000 ? DATE_TIME : TIME;
        DateTimeFormatter barFormat = bucket < 1_000 ? DATE_TIME_MS : DATE_TIME;
        out.append("<section id=\"timeline\">\n<h2>Violations over time</h2>\n<p class=\"muted\">")
                .append(bars).append(bars == 1 ? " bucket" : " buckets").append(" of ").append(duration(bucket))
                .append(", UTC. Repeats are counted when the agent wrote them (at most every 10 s, and at exit).")
                .append(" The bars follow the filters of the call sites.</p>\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" class=\"chart\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" data-plot-height=\"").append(plotHeight)
                .append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\">\n<title>violations per ").append(duration(bucket))
                .append("</title>\n");
        for (int i = 0; i < bars; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double h = Math.max(1, (double) counts[i] * plotHeight / top);
            String label = barFormat.format(Instant.ofEpochMilli((start + i) * bucket)) + " +" + duration(bucket);
            // data-bar and data-label: the script redraws the bar for the filtered call sites
            out.append(String.format(java.util.Locale.ROOT, "<rect class=\"bar\" data-bar=\"%d\" data-label=\"%s\""
                    + " data-count=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>", i, label,
                    counts[i], left + i * barWidth + Math.min(1, barWidth / 10), 10 + plotHeight - h,
                    Math.max(1, barWidth - 2 * Math.min(1, barWidth / 10)), h))
                    .append(label).append(": ").append(counts[i]).append("</title></rect>\n");
        }
        int axisY = 10 + plotHeight;
        out.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(axisY).append("\" x2=\"")
                .append(left + plotWidth).append("\" y2=\"").append(axisY).append("\"/>\n")
                .append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"10\" x2=\"").append(left)
                .append("\" y2=\"").append(axisY).append("\"/>\n")
                .append("<text id=\"chart-top\" x=\"").append(left - 6).append("\" y=\"14\" text-anchor=\"end\">")
                .append(top)
                .append("</text>\n<text x=\"").append(left - 6).append("\" y=\"").append(axisY)
                .append("\" text-anchor=\"end\">0</text>\n")
                .append("<text x=\"").append(left).append("\" y=\"").append(axisY + 18).append("\">")
                .append(axisFormat.format(Instant.ofEpochMilli(start * bucket))).append("</text>\n")
                .append("<text x=\"").append(left + plotWidth).append("\" y=\"").append(axisY + 18)
                .append("\" text-anchor=\"end\">").append(axisFormat.format(Instant.ofEpochMilli((start + bars) * bucket)))
                .append("</text>\n</svg>\n</section>\n");
    }

    private static void sites(StringBuilder out, List<ViolationLog.Site> sites, Timeline timeline) {
        out.append("<section id=\"sites\">\n<h2>Call sites</h2>\n");
        filters(out, sites);
        out.append("<p id=\"shown\" class=\"muted\">").append(sites.size())
                .append(sites.size() == 1 ? " call site" : " call sites").append("</p>\n")
                .append("<table id=\"sites-table\">\n<colgroup><col class=\"count\"/><col class=\"kind\"/>")
                .append("<col class=\"action\"/><col class=\"family\"/><col class=\"op\"/><col class=\"tenants\"/>")
                .append("<col class=\"site\"/></colgroup>\n<thead><tr>")
                .append(sortable("count", "count")).append(sortable("kind", "kind")).append(sortable("action", "action"))
                .append(sortable("family", "family")).append(sortable("operation", "operation"))
                .append(sortable("tenants", "tenants (active -&gt; owner)")).append(sortable("site", "call site"))
                .append("</tr></thead>\n<tbody>\n");
        for (ViolationLog.Site s : sites) {
            Set<String> tenantIds = new TreeSet<>();
            StringBuilder pairs = new StringBuilder("[");
            for (ViolationLog.TenantPair pair : s.tenantPairs) {
                tenantIds.add(pair.active());
                tenantIds.add(pair.owner());
                pairs.append(pairs.length() > 1 ? "," : "").append('[').append(jsonString(pair.active())).append(',')
                        .append(jsonString(pair.owner())).append(']');
            }
            tenantIds.remove(ViolationLog.TenantPair.NONE);
            StringBuilder ids = new StringBuilder("[");
            for (String id : tenantIds) {
                ids.append(ids.length() > 1 ? "," : "").append(jsonString(id));
            }
            out.append("<tr class=\"site\" data-count=\"").append(s.count).append("\" data-kind=\"").append(esc(s.kind))
                    .append("\" data-action=\"").append(esc(s.action)).append("\" data-family=\"").append(esc(s.family))
                    .append("\" data-operation=\"").append(esc(s.operation)).append("\" data-site=\"")
                    .append(esc(s.callSite)).append("\" data-tenants=\"").append(esc(ids.append(']').toString()))
                    .append("\" data-pairs=\"").append(esc(pairs.append(']').toString()))
                    .append("\" data-pair-counts=\"").append(esc(pairCounts(s))).append("\" data-bars=\"")
                    .append(bars(s, timeline)).append("\">");
            out.append("<td class=\"n\">").append(s.count).append("</td><td>").append(esc(s.kind))
                    .append("</td><td class=\"").append(s.action.matches("[A-Z]+") ? s.action : "other").append("\">")
                    .append(esc(s.action)).append("</td><td>").append(esc(s.family)).append("</td><td>")
                    .append(esc(s.operation)).append("</td><td>");
            tenants(out, s);
            out.append("</td><td><code class=\"call-site\">").append(esc(s.callSite)).append("</code>");
            detail(out, "rule", s.rule);
            detail(out, "resource", s.resource);
            if (s.message != null) {
                out.append("<div class=\"message\">").append(esc(s.message)).append("</div>");
            }
            if (s.sql != null) {
                out.append("<pre class=\"sql\">").append(esc(s.sql)).append("</pre>");
            }
            out.append("<div class=\"muted\">seen ").append(DATE_TIME.format(s.first));
            if (!s.last.equals(s.first)) {
                out.append(" to ").append(DATE_TIME.format(s.last));
            }
            out.append(" UTC</div>");
            stack(out, s);
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    /** The site's violations per tenant pair, {@code [["acme","globex",3],…]}, for the matrix of a filtered view. */
    private static String pairCounts(ViolationLog.Site s) {
        StringBuilder out = new StringBuilder("[");
        for (Map.Entry<ViolationLog.TenantPair, Long> e : s.pairCounts.entrySet()) {
            out.append(out.length() > 1 ? "," : "").append('[').append(jsonString(e.getKey().active())).append(',')
                    .append(jsonString(e.getKey().owner())).append(',').append(e.getValue()).append(']');
        }
        return out.append(']').toString();
    }

    /** The site's violations per bar of the chart, {@code [[bar,count],…]}, for the chart of a filtered view. */
    private static String bars(ViolationLog.Site s, Timeline timeline) {
        Map<Integer, Long> perBar = new java.util.TreeMap<>();
        for (ViolationLog.Occurrence o : s.occurrences) {
            perBar.merge(timeline.bar(o), o.count(), Long::sum);
        }
        StringBuilder out = new StringBuilder("[");
        perBar.forEach((bar, n) -> out.append(out.length() > 1 ? "," : "").append('[').append(bar).append(',')
                .append(n).append(']'));
        return out.append(']').toString();
    }

    /** The chart's buckets: {@code bars} of {@code bucket} ms from {@code start} buckets after the epoch. */
    private record Timeline(long start, long bucket, int bars) {
        static Timeline of(List<ViolationLog.Occurrence> occurrences) {
            long min = occurrences.stream().mapToLong(o -> o.time().toEpochMilli()).min().orElse(0);
            long max = occurrences.stream().mapToLong(o -> o.time().toEpochMilli()).max().orElse(0);
            long bucket = BUCKETS[BUCKETS.length - 1];
            for (long b : BUCKETS) {
                if (Math.floorDiv(max, b) - Math.floorDiv(min, b) + 1 <= MAX_BARS) {
                    bucket = b;
                    break;
                }
            }
            long start = Math.floorDiv(min, bucket);
            return new Timeline(start, bucket, (int) (Math.floorDiv(max, bucket) - start + 1));
        }

        int bar(ViolationLog.Occurrence o) {
            return (int) (Math.floorDiv(o.time().toEpochMilli(), bucket) - start);
        }
    }

    /** The filter controls: one choice per kind, family, action and tenant found, and a call site text. */
    private static void filters(StringBuilder out, List<ViolationLog.Site> sites) {
        Set<String> kinds = new TreeSet<>();
        Set<String> families = new TreeSet<>();
        Set<String> actions = new TreeSet<>();
        Set<String> tenants = new TreeSet<>();
        for (ViolationLog.Site s : sites) {
            kinds.add(s.kind);
            families.add(String.valueOf(s.family));
            actions.add(String.valueOf(s.action));
            for (ViolationLog.TenantPair pair : s.tenantPairs) {
                tenants.add(pair.active());
                tenants.add(pair.owner());
            }
        }
        tenants.remove(ViolationLog.TenantPair.NONE);
        out.append("<form id=\"filters\" action=\"#\">\n");
        choice(out, "kind", "kind", kinds);
        choice(out, "family", "family", families);
        choice(out, "action", "action", actions);
        choice(out, "tenant", "tenant (either side)", tenants);
        out.append("<label>call site contains<input type=\"search\" name=\"site\" autocomplete=\"off\"/></label>\n")
                .append("<input type=\"hidden\" name=\"active\"/><input type=\"hidden\" name=\"owner\"/>\n")
                .append("<span id=\"pair-filter\" hidden=\"hidden\">pair <code id=\"pair-text\"></code></span>\n")
                .append("<button type=\"reset\" id=\"clear-filters\">show all</button>\n</form>\n");
    }

    private static void choice(StringBuilder out, String name, String label, Set<String> values) {
        out.append("<label>").append(label).append("<select name=\"").append(name).append("\"><option value=\"\">all</option>");
        for (String value : values) {
            out.append("<option value=\"").append(esc(value)).append("\">").append(esc(value)).append("</option>");
        }
        out.append("</select></label>\n");
    }

    private static String sortable(String key, String label) {
        return "<th scope=\"col\"><button type=\"button\" data-sort=\"" + key + "\">" + label + "</button></th>";
    }

    /** {@code value} as a JSON string literal, for the {@code data-*} attributes the script parses. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void audits(StringBuilder out, List<ViolationLog.Site> audits) {
        out.append("<section id=\"audit\">\n<h2>Privileged scopes (audit)</h2>\n<table>\n<thead><tr><th>count</th>")
                .append("<th>reason</th><th>tenant</th><th>call site</th></tr></thead>\n<tbody>\n");
        for (ViolationLog.Site s : audits) {
            out.append("<tr class=\"audit\"><td class=\"n\">").append(s.count).append("</td><td>").append(esc(s.rule))
                    .append("</td><td>");
            tenants(out, s);
            out.append("</td><td><code class=\"call-site\">").append(esc(s.callSite)).append("</code>");
            stack(out, s);
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static void tenants(StringBuilder out, ViolationLog.Site s) {
        out.append("<ul class=\"tenants\">");
        for (String pair : s.tenants) {
            out.append("<li>").append(esc(pair)).append("</li>");
        }
        if (s.moreTenants > 0) {
            out.append("<li class=\"muted\">and ").append(s.moreTenants).append(" more</li>");
        }
        out.append("</ul>");
    }

    private static void detail(StringBuilder out, String label, String value) {
        if (value != null) {
            out.append("<div>").append(label).append(": <code>").append(esc(value)).append("</code></div>");
        }
    }

    private static void stack(StringBuilder out, ViolationLog.Site s) {
        if (s.stack.isEmpty()) {
            return;
        }
        out.append("<details><summary>sample stack (").append(s.stack.size())
                .append(s.stack.size() == 1 ? " frame" : " frames");
        if (s.thread != null) {
            out.append(", thread ").append(esc(s.thread));
        }
        out.append(")</summary><pre class=\"stack\">");
        for (String frame : s.stack) {
            out.append(esc(frame)).append('\n');
        }
        out.append("</pre></details>");
    }

    private static String duration(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        long seconds = millis / 1_000;
        Duration d = Duration.ofSeconds(seconds);
        if (seconds % 86400 == 0) {
            return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        }
        if (seconds % 3600 == 0) {
            return d.toHours() == 1 ? "1 hour" : d.toHours() + " hours";
        }
        if (seconds % 60 == 0) {
            return d.toMinutes() == 1 ? "1 minute" : d.toMinutes() + " minutes";
        }
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }

    /**
     * {@code value} as text for HTML and XML alike: markup characters as entities; characters XML
     * cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF) and invisible bidi overrides
     * as visible {@code \\uXXXX}; {@code null} as an empty string.
     */
    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                        out.append('\ufffd');
                    } else if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
                            || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                            || (c >= 0x2066 && c <= 0x2069)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
