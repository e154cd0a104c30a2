package dev.tenantguard.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The terminal form of a {@link ViolationLog}: totals, one row per call site, audit events, malformed lines. */
final class TextReport {
    /** How many malformed lines are named; the rest are only counted. */
    static final int NAMED_MALFORMED = 5;
    private static final int TENANTS_WIDTH = 40;

    private TextReport() {
    }

    static String render(String source, ViolationLog log) {
        StringBuilder out = new StringBuilder();
        List<ViolationLog.Site> violations = log.violations();
        List<ViolationLog.Site> audits = log.audits();
        long total = log.violationCount();
        out.append("tenant-guard report: ").append(plain(source)).append('\n');
        out.append(total).append(total == 1 ? " violation" : " violations").append(" at ").append(violations.size())
                .append(violations.size() == 1 ? " call site" : " call sites");
        if (!audits.isEmpty()) {
            long entered = audits.stream().mapToLong(s -> s.count).sum();
            out.append("; ").append(entered).append(entered == 1 ? " privileged scope entry" : " privileged scope entries");
        }
        out.append(" (").append(log.lines).append(log.lines == 1 ? " line" : " lines").append(")\n");
        if (!violations.isEmpty()) {
            out.append('\n').append(totals("by kind", log.byKind())).append(totals("by family", log.byFamily()));
            out.append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"KIND", "ACTION", "FAMILY", "OPERATION", "COUNT", "TENANTS (active -> owner)",
                "CALL SITE"});
            for (ViolationLog.Site s : violations) {
                rows.add(new String[] {plain(s.kind), plain(s.action), plain(s.family), plain(s.operation),
                    Long.toString(s.count), tenants(s), plain(s.callSite)});
            }
            table(out, rows, 4);
        }
        if (!audits.isEmpty()) {
            out.append("\nprivileged scopes (audit)\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"REASON", "COUNT", "TENANT", "CALL SITE"});
            for (ViolationLog.Site s : audits) {
                rows.add(new String[] {plain(s.rule), Long.toString(s.count), tenants(s), plain(s.callSite)});
            }
            table(out, rows, 1);
        }
        if (!log.malformed.isEmpty()) {
            int n = log.malformed.size();
            out.append('\n').append(n).append(n == 1 ? " malformed line" : " malformed lines").append(" skipped: ");
            for (int i = 0; i < Math.min(n, NAMED_MALFORMED); i++) {
                ViolationLog.Malformed m = log.malformed.get(i);
                out.append(i == 0 ? "" : ", ").append("line ").append(m.line()).append(" (").append(plain(m.reason()))
                        .append(')');
            }
            if (n > NAMED_MALFORMED) {
                out.append(" and ").append(n - NAMED_MALFORMED).append(" more");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String totals(String title, Map<String, Long> totals) {
        StringBuilder out = new StringBuilder(String.format("  %-10s", title));
        boolean first = true;
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            out.append(first ? " " : ", ").append(plain(e.getKey())).append(' ').append(e.getValue());
            first = false;
        }
        return out.append('\n').toString();
    }

    /** Left-aligned columns, except {@code numeric} which is right-aligned; the last column is not padded. */
    private static void table(StringBuilder out, List<String[]> rows, int numeric) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                if (c == columns - 1) {
                    line.append(cell);
                } else if (c == numeric) {
                    line.append(" ".repeat(widths[c] - cell.length())).append(cell).append("  ");
                } else {
                    line.append(cell).append(" ".repeat(widths[c] - cell.length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** The tenant pairs, as many as fit in the column, then how many more. */
    private static String tenants(ViolationLog.Site s) {
        StringBuilder out = new StringBuilder();
        int left = s.tenants.size() + s.moreTenants;
        for (String pair : s.tenants) {
            String p = plain(pair);
            if (out.length() > 0 && out.length() + 2 + p.length() > TENANTS_WIDTH) {
                break;
            }
            out.append(out.length() > 0 ? ", " : "").append(p);
            left--;
        }
        if (left > 0) {
            out.append(" +").append(left).append(" more");
        }
        return out.toString();
    }

    /** {@code value} safe for a terminal: control characters (escape sequences, line breaks, bidi overrides) as {@code \\uXXXX}. */
    static String plain(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069); // and bidi overrides
            if (control && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
