package dev.tenantguard.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chart of the report, as SVG: for every operation measured in more than one arm, each arm's
 * time over the no-agent arm's, on a logarithmic axis (×2 and ×0.5 are as far from 1), with the
 * ratio's 95% interval as a whisker; start-up medians last.
 */
final class RatioChart {
    private static final int LABEL_WIDTH = 440;
    private static final int PLOT_WIDTH = 460;
    private static final int ROW = 15;
    private static final int TOP = 44;
    private static final Map<String, String> COLORS = Map.of("tg-enforce", "#2b7bb9", "tg-before", "#7570b3",
            "tg-report", "#9ecae1", "otel", "#e6550d", "security-manager", "#31a354");
    private static final String OTHER_COLOR = "#888888";

    private record Bar(String label, String arm, double ratio, double lo, double hi) {
    }

    private RatioChart() {
    }

    static String render(RunData data) {
        List<Object> rows = new ArrayList<>(); // a String is a group title, a Bar a bar
        for (String benchmarkClass : data.benchmarkClasses()) {
            List<Bar> bars = new ArrayList<>();
            for (String operation : data.operations(benchmarkClass)) {
                for (String arm : data.arms.keySet()) {
                    Optional<Measurement> m = data.find(benchmarkClass, operation, arm);
                    Optional<ForkInterval.Interval> ratio = m.flatMap(data::ratio);
                    ratio.ifPresent(r -> bars.add(new Bar(Operations.label(benchmarkClass, operation).replace("`", ""), arm,
                            r.value(), r.lo(), r.hi())));
                }
            }
            if (!bars.isEmpty()) {
                rows.add(Operations.section(benchmarkClass));
                rows.addAll(bars);
            }
        }
        for (String app : data.startupApps()) {
            Optional<StartupResult> base = data.startup(app, RunData.BASELINE);
            if (base.isEmpty()) {
                continue;
            }
            rows.add("Start-up: " + app + " (medians)");
            for (StartupResult s : data.startup) {
                if (s.app().equals(app) && !s.arm().equals(RunData.BASELINE)) {
                    rows.add(new Bar(app, s.arm(), s.median() / base.get().median(), Double.NaN, Double.NaN));
                }
            }
        }
        double lo = 0.5;
        double hi = 2;
        for (Object row : rows) {
            if (row instanceof Bar bar) {
                lo = Math.min(lo, bar.ratio() * 0.9);
                hi = Math.max(hi, bar.ratio() * 1.1);
            }
        }
        double logLo = Math.floor(log2(lo));
        double logHi = Math.ceil(log2(hi));
        int height = TOP + rows.size() * ROW + 40;
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Time per operation over no agent (log scale)"
                + " — ").append(escape(data.runField("length"))).append(" run, ").append(escape(data.runField("date")))
                .append("</text>\n");
        legend(svg, data);
        int plotTop = TOP - 4;
        int plotBottom = TOP + rows.size() * ROW;
        for (double t = logLo; t <= logHi; t++) {
            double x = x(Math.pow(2, t), logLo, logHi);
            svg.append(line(x, plotTop, x, plotBottom, t == 0 ? "#000" : "#ddd"));
            svg.append(text(x, plotBottom + 14, "×" + trim(Math.pow(2, t)), "middle", ""));
        }
        int y = TOP;
        for (Object row : rows) {
            if (row instanceof String title) {
                svg.append(text(10, y + 11, title, "start", " font-weight=\"bold\""));
            } else {
                Bar bar = (Bar) row;
                svg.append(text(LABEL_WIDTH - 6, y + 11, bar.label() + " · " + bar.arm(), "end", ""));
                double x1 = x(1, logLo, logHi);
                double x2 = x(bar.ratio(), logLo, logHi);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                        Math.min(x1, x2), y + 2, Math.max(Math.abs(x2 - x1), 1), ROW - 4,
                        COLORS.getOrDefault(bar.arm(), OTHER_COLOR)));
                if (!Double.isNaN(bar.lo()) && !Double.isNaN(bar.hi()) && bar.hi() > bar.lo()) {
                    double a = x(Math.max(bar.lo(), Math.pow(2, logLo)), logLo, logHi);
                    double b = x(Math.min(bar.hi(), Math.pow(2, logHi)), logLo, logHi);
                    svg.append(line(a, y + ROW / 2.0, b, y + ROW / 2.0, "#333"));
                }
                svg.append(text(LABEL_WIDTH + PLOT_WIDTH + 16, y + 11, "×" + Format.plain(bar.ratio(), 2), "end", ""));
            }
            y += ROW;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder svg, RunData data) {
        int x = 10;
        for (String arm : data.arms.keySet()) {
            if (arm.equals(RunData.BASELINE)) {
                continue;
            }
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"26\" width=\"10\" height=\"10\" fill=\"%s\"/>\n", x,
                    COLORS.getOrDefault(arm, OTHER_COLOR)));
            svg.append(text(x + 14, 35, arm, "start", ""));
            x += 30 + arm.length() * 7;
        }
    }

    private static double x(double ratio, double logLo, double logHi) {
        return LABEL_WIDTH + (log2(ratio) - logLo) / (logHi - logLo) * PLOT_WIDTH;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static String trim(double v) {
        return v >= 1 ? Format.plain(v, 0) : Format.plain(v, v >= 0.25 ? 2 : 3);
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                x1, y1, x2, y2, color);
    }

    private static String text(double x, double y, String text, String anchor, String extra) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>\n", x, y, anchor, extra,
                escape(text));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
