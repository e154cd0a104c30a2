package dev.tenantguard.agent.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code query} tenant source: one parameter of a request's raw query string (the JDK server's
 * {@code getRawQuery()}, the servlet's {@code getQueryString()}), never the servlet's
 * {@code getParameter}, which may read — and so consume — a form body the application reads after.
 * Pairs are separated by {@code &}; name and value are decoded as a form is ({@code %XX} as UTF-8,
 * {@code +} as a space), so the agent sees the tenant the application's own {@code getParameter} gives.
 * A parameter given more than once is ambiguous (servers and frameworks differ on which one they
 * take): no tenant. A value that is empty or not valid percent-encoding is no tenant either.
 */
final class QueryParameter {
    /**
     * What a query holds for the parameter.
     *
     * @param value   the decoded value when it was given once and decodes, else {@code null}
     * @param problem why a parameter that is there gives no tenant, or {@code null}
     * @param shown   the raw values, for the report of a problem
     */
    record Found(String value, String problem, String shown) {
        static final Found ABSENT = new Found(null, null, null);
    }

    private QueryParameter() {
    }

    static Found find(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty() || rawQuery.indexOf(name.charAt(0)) < 0 && rawQuery.indexOf('%') < 0) {
            return Found.ABSENT;
        }
        List<String> raw = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String decodedName = decode(rawName);
            if (name.equals(decodedName)) {
                raw.add(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        if (raw.isEmpty()) {
            return Found.ABSENT;
        }
        String shown = String.join(", ", raw);
        if (raw.size() > 1) {
            return new Found(null, "the query parameter " + name + " is given " + raw.size()
                    + " times: which one the application reads is not known", shown);
        }
        String value = decode(raw.get(0));
        if (value == null) {
            return new Found(null, "the query parameter " + name + " is not valid percent-encoding", shown);
        }
        if (value.isEmpty()) {
            return new Found(null, "the query parameter " + name + " is empty", shown);
        }
        return new Found(value, null, shown);
    }

    /** Form decoding, or {@code null} for a malformed escape. */
    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
