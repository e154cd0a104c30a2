package dev.tenantguard.agent.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTML form of a {@link ViolationLog}: one self-contained page (inline CSS and SVG, no script,
 * nothing fetched), written as XHTML-compatible HTML so that an XML parser can check it. Every
 * value from the file goes through {@link #esc}.
 */
final class HtmlReport {
    /** Bucket sizes of the chart, in seconds: the first that gives at most {@link #MAX_BARS} bars is used. */
    private static final long[] BUCKETS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
        21600, 43200, 86400, 7 * 86400};
    static final int MAX_BARS = 60;
    private static final int NAMED_MALFORMED = 50;
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;color:#1d1d1f;}",
            "h1{font-size:1.5em;}h2{font-size:1.2em;margin-top:1.6em;}",
            "table{border-collapse:collapse;margin:.5em 1.5em .5em 0;}",
            "th,td{border:1px solid #d0d0d7;padding:.3em .6em;text-align:left;vertical-align:top;}",
            "th{background:#f2f2f6;}td.n{text-align:right;font-variant-numeric:tabular-nums;}",
            ".totals{display:flex;flex-wrap:wrap;}caption{text-align:left;font-weight:bold;padding:.2em 0;}",
            "code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;}",
            "pre{background:#f7f7f9;padding:.5em;overflow-x:auto;white-space:pre-wrap;word-break:break-all;}",
            "ul.tenants{margin:0;padding-left:1.1em;}.BLOCKED{color:#b00020;font-weight:bold;}",
            ".REPORTED{color:#a05a00;}.bad{color:#b00020;}.muted{color:#6e6e73;}",
            "svg .bar{fill:#4a6fd8;}svg .axis{stroke:#888;}svg text{font-size:11px;fill:#444;}");

    private HtmlReport() {
    }

    static String render(String source, ViolationLog log) {
        StringBuilder out = new StringBuilder(16_384);
        List<ViolationLog.Site> violations = log.violations();
        List<ViolationLog.Site> audits = log.audits();
        long total = log.violationCount();
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>tenant-guard report</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n</head>\n<body>\n<h1>tenant-guard violation report</h1>\n");
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
            out.append("</div>\n</section>\n");
            chart(out, log.occurrences);
            sites(out, violations);
        }
        if (!audits.isEmpty()) {
            audits(out, audits);
        }
        if (log.sites.isEmpty()) {
            out.append("<p id=\"empty\">No events in this file.</p>\n");
        }
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

    /** A bar chart of the violations per time bucket; a repeat counts at the time its line was written. */
    private static void chart(StringBuilder out, List<ViolationLog.Occurrence> occurrences) {
        long min = occurrences.stream().mapToLong(o -> o.time().getEpochSecond()).min().orElse(0);
        long max = occurrences.stream().mapToLong(o -> o.time().getEpochSecond()).max().orElse(0);
        long bucket = BUCKETS[BUCKETS.length - 1];
        for (long b : BUCKETS) {
            if (Math.floorDiv(max, b) - Math.floorDiv(min, b) + 1 <= MAX_BARS) {
                bucket = b;
                break;
            }
        }
        long start = Math.floorDiv(min, bucket);
        int bars = (int) (Math.floorDiv(max, bucket) - start + 1);
        long[] counts = new long[bars];
        for (ViolationLog.Occurrence o : occurrences) {
            counts[(int) (Math.floorDiv(o.time().getEpochSecond(), bucket) - start)] += o.count();
        }
        long top = 1;
        for (long c : counts) {
            top = Math.max(top, c);
        }
        int left = 48;
        int plotWidth = 720;
        int plotHeight = 180;
        int width = left + plotWidth + 16;
        int height = plotHeight + 40;
        double barWidth = (double) plotWidth / bars;
        DateTimeFormatter format = bucket >= 86400 ? DATE_TIME : TIME;
        out.append("<section id=\"timeline\">\n<h2>Violations over time</h2>\n<p class=\"muted\">")
                .append(bars).append(bars == 1 ? " bucket" : " buckets").append(" of ").append(duration(bucket))
                .append(", UTC. Repeats are counted when the agent wrote them (at most every 10 s, and at exit).</p>\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n<title>violations per ").append(duration(bucket)).append("</title>\n");
        for (int i = 0; i < bars; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double h = Math.max(1, (double) counts[i] * plotHeight / top);
            Instant from = Instant.ofEpochSecond((start + i) * bucket);
            out.append(String.format(java.util.Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>", left + i * barWidth
                            + Math.min(1, barWidth / 10), 10 + plotHeight - h, Math.max(1, barWidth - 2 * Math.min(1,
                                    barWidth / 10)), h))
                    .append(DATE_TIME.format(from)).append(" +").append(duration(bucket)).append(": ")
                    .append(counts[i]).append("</title></rect>\n");
        }
        int axisY = 10 + plotHeight;
        out.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(axisY).append("\" x2=\"")
                .append(left + plotWidth).append("\" y2=\"").append(axisY).append("\"/>\n")
                .append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"10\" x2=\"").append(left)
                .append("\" y2=\"").append(axisY).append("\"/>\n")
                .append("<text x=\"").append(left - 6).append("\" y=\"14\" text-anchor=\"end\">").append(top)
                .append("</text>\n<text x=\"").append(left - 6).append("\" y=\"").append(axisY)
                .append("\" text-anchor=\"end\">0</text>\n")
                .append("<text x=\"").append(left).append("\" y=\"").append(axisY + 18).append("\">")
                .append(format.format(Instant.ofEpochSecond(start * bucket))).append("</text>\n")
                .append("<text x=\"").append(left + plotWidth).append("\" y=\"").append(axisY + 18)
                .append("\" text-anchor=\"end\">").append(format.format(Instant.ofEpochSecond((start + bars) * bucket)))
                .append("</text>\n</svg>\n</section>\n");
    }

    private static void sites(StringBuilder out, List<ViolationLog.Site> sites) {
        out.append("<section id=\"sites\">\n<h2>Call sites</h2>\n<table>\n<thead><tr><th>count</th><th>kind</th>")
                .append("<th>action</th><th>family</th><th>operation</th><th>tenants (active -&gt; owner)</th>")
                .append("<th>call site</th></tr></thead>\n<tbody>\n");
        for (ViolationLog.Site s : sites) {
            out.append("<tr class=\"site\"><td class=\"n\">").append(s.count).append("</td><td>").append(esc(s.kind))
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

    private static String duration(long seconds) {
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
