package dev.tenantguard.agent.report;

import java.util.List;

/** Writes one {@link ViolationEvent} as one line of JSON (the JSONL report format). */
public final class Json {
    private Json() {
    }

    public static String line(ViolationEvent e, long count) {
        StringBuilder out = new StringBuilder(512).append('{');
        field(out, "time", e.time().toString()).append(',');
        field(out, "kind", e.kind()).append(',');
        field(out, "family", e.family()).append(',');
        field(out, "operation", e.operation()).append(',');
        field(out, "resource", e.resource()).append(',');
        field(out, "resourceTenant", e.resourceTenant()).append(',');
        field(out, "activeTenant", e.activeTenant()).append(',');
        field(out, e.isAudit() ? "reason" : "rule", e.rule()).append(',');
        field(out, "action", e.action()).append(',');
        field(out, "thread", e.thread()).append(',');
        field(out, "callSite", e.callSite()).append(',');
        out.append("\"stack\":");
        array(out, e.stack()).append(',');
        field(out, "message", e.message()).append(',');
        if (e.sql() != null) {
            field(out, "sql", e.sql()).append(',');
        }
        out.append("\"count\":").append(count);
        return out.append('}').toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        return value == null ? out.append("null") : string(out, value);
    }

    private static StringBuilder array(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        return out.append(']');
    }

    /** {@code value} as a JSON string. */
    static String quote(String value) {
        return string(new StringBuilder(value.length() + 2), value).toString();
    }

    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }
}
