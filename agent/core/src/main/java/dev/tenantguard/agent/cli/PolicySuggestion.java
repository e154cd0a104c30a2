package dev.tenantguard.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the observations of a {@code report.observe} run into a starting policy, as YAML that the
 * policy loader reads unchanged, each rule preceded by a {@code # evidence:} comment:
 *
 * <ul>
 *   <li>files: a folder per tenant ({@code prefix/<tenant>/…} used as that tenant) → {@code prefix/{tenant}/**};</li>
 *   <li>http: a host label or path segment equal to the tenant → that URL rule;</li>
 *   <li>jdbc: the column the statements on a table pin to the tenant in context → {@code jdbc.column} and
 *       {@code jdbc.tables}. A table with a statement that pins another column is left out; statements that
 *       pin none are counted in the comment (a write by key is judged by its row's owner; a read that pins
 *       nothing is what report mode will show as unscoped).</li>
 * </ul>
 */
final class PolicySuggestion {
    /** What was seen of one rule or table: the tenants, the operations, the count, one example. */
    private static final class Evidence {
        final TreeSet<String> tenants = new TreeSet<>();
        final TreeSet<String> operations = new TreeSet<>();
        int count;
        String example;

        void add(Map<String, Object> o) {
            tenants.add(String.valueOf(o.get("tenant")));
            operations.add(String.valueOf(o.get("operation")));
            count++;
            if (example == null) {
                example = String.valueOf(o.get("example"));
            }
        }

        String summary(String what) {
            return count + " distinct " + what + (count == 1 ? "" : "s") + " (" + String.join(", ", operations) + ") by "
                    + tenants.size() + (tenants.size() == 1 ? " tenant (" : " tenants (") + String.join(", ", tenants)
                    + ")";
        }
    }

    private final Map<String, Evidence> files = new TreeMap<>();
    private final Map<String, Evidence> urls = new TreeMap<>();
    /** table → column (or "" for none) → evidence. */
    private final Map<String, Map<String, Evidence>> tables = new TreeMap<>();
    private int observations;
    private String limitNote;

    void add(Map<String, Object> o) {
        if (o.containsKey("limitReached")) {
            limitNote = "the run hit the bound of " + o.get("limitReached") + " distinct observations: rules may be missing";
            return;
        }
        String family = String.valueOf(o.get("family"));
        switch (family) {
            case "files" -> files.computeIfAbsent(String.valueOf(o.get("rule")), k -> new Evidence()).add(o);
            case "http" -> urls.computeIfAbsent(String.valueOf(o.get("rule")), k -> new Evidence()).add(o);
            case "jdbc" -> tables.computeIfAbsent(String.valueOf(o.get("table")), k -> new TreeMap<>())
                    .computeIfAbsent(Objects.toString(o.get("column"), ""), k -> new Evidence()).add(o);
            default -> {
                return;
            }
        }
        observations++;
    }

    int observations() {
        return observations;
    }

    /** The policy, as lines of YAML. */
    List<String> yaml(String source) {
        List<String> out = new ArrayList<>();
        out.add("# tenant-guard policy suggested from " + source + " (" + observations + " observations)");
        out.add("# A starting point: review each rule, run it in report mode, then enforce.");
        if (limitNote != null) {
            out.add("# warning: " + limitNote);
        }
        out.add("mode: report");
        rules(out, "files", files, "file operation", "each in its own folder");
        jdbc(out);
        rules(out, "http", urls, "outbound request", "the URL names the tenant in context");
        return out;
    }

    private static void rules(List<String> out, String section, Map<String, Evidence> rules, String what, String why) {
        if (rules.isEmpty()) {
            out.add("# " + section + ": nothing observed names a tenant");
            return;
        }
        out.add(section + ":");
        out.add("  rules:");
        rules.forEach((rule, e) -> {
            out.add("    # evidence: " + e.summary(what) + ", " + why + (e.tenants.size() == 1
                    ? "; seen for one tenant only: check that it is not a coincidence" : "") + "; e.g. " + oneLine(e.example));
            out.add("    - " + quoted(rule));
        });
    }

    private void jdbc(List<String> out) {
        Map<String, List<String>> byColumn = new TreeMap<>();
        List<String> notSuggested = new ArrayList<>();
        tables.forEach((table, columns) -> {
            List<String> pinned = new ArrayList<>(columns.keySet());
            pinned.remove("");
            if (pinned.size() == 1) {
                byColumn.computeIfAbsent(pinned.get(0), k -> new ArrayList<>()).add(table);
            } else if (pinned.isEmpty()) {
                Evidence none = columns.get("");
                notSuggested.add(table + ": " + none.summary("statement") + " pin no column to the tenant, e.g. "
                        + oneLine(none.example));
            } else {
                notSuggested.add(table + ": its statements pin different columns to the tenant (" + String.join(", ", pinned)
                        + ")");
            }
        });
        String column = null;
        for (Map.Entry<String, List<String>> entry : byColumn.entrySet()) {
            if (column == null || entry.getValue().size() > byColumn.get(column).size()) {
                column = entry.getKey();
            }
        }
        for (Map.Entry<String, List<String>> entry : byColumn.entrySet()) {
            if (!entry.getKey().equals(column)) {
                for (String table : entry.getValue()) {
                    notSuggested.add(table + ": its statements pin " + entry.getKey() + ", not " + column
                            + " (jdbc.column names one column for every table)");
                }
            }
        }
        if (column == null) {
            out.add("# jdbc: no statement pins a column to the tenant in context");
        } else {
            out.add("jdbc:");
            out.add("  # evidence: the statements on the tables below pin " + column + " to the tenant in context");
            out.add("  column: " + quoted(column));
            out.add("  tables:");
            for (String table : byColumn.get(column)) {
                Map<String, Evidence> columns = tables.get(table);
                Evidence e = columns.get(column);
                Evidence none = columns.get("");
                out.add("    # evidence: " + e.summary("statement") + " pin " + column + ", e.g. " + oneLine(e.example)
                        + (none == null ? "" : "; " + none.summary("statement") + " pin no column (a write by key is"
                                + " judged by its row's owner, anything else is reported as unscoped), e.g. "
                                + oneLine(none.example)));
                out.add("    - " + quoted(table));
            }
        }
        for (String reason : notSuggested) {
            out.add("# not suggested: table " + reason);
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
