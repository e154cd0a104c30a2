package dev.tenantguard.agent.policy;

import java.util.List;

/**
 * The parts of a host or path template: literal labels or segments, {@code *} (any one),
 * {@code {tenant}} (any one, captured) and, for paths, a trailing {@code **} (any number, none
 * included). Shared by {@link HostTemplate} and {@link PathTemplate}.
 */
final class TemplateParts {
    static final String TENANT = "{tenant}";
    static final String STAR = "*";
    static final String DOUBLE_STAR = "**";

    private TemplateParts() {
    }

    /** Checks the parts; returns the index of the {@code {tenant}} part. */
    static int check(List<String> parts, String unit, boolean doubleStarAtEnd) {
        int tenant = -1;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.equals(TENANT)) {
                if (tenant >= 0) {
                    throw new IllegalArgumentException("has " + TENANT + " more than once");
                }
                tenant = i;
            } else if (part.contains(TENANT)) {
                throw new IllegalArgumentException(TENANT + " must be a whole " + unit);
            } else if (part.equals(DOUBLE_STAR)) {
                if (!doubleStarAtEnd || i != parts.size() - 1) {
                    throw new IllegalArgumentException("** may only be the last " + unit);
                }
            } else if (part.isEmpty()) {
                throw new IllegalArgumentException("has an empty " + unit);
            } else if (!part.equals(STAR) && (part.contains("*") || part.contains("{") || part.contains("}"))) {
                throw new IllegalArgumentException("a " + unit + " is literal text, * or " + TENANT + ", got '" + part + "'");
            }
        }
        if (tenant < 0) {
            throw new IllegalArgumentException("has no " + TENANT);
        }
        return tenant;
    }

    /** Whether {@code actual} matches the parts; returns the captured part, else {@code null}. */
    static String match(List<String> parts, int tenant, String[] actual, boolean ignoreCase) {
        boolean open = !parts.isEmpty() && parts.get(parts.size() - 1).equals(DOUBLE_STAR);
        int fixed = open ? parts.size() - 1 : parts.size();
        if (open ? actual.length < fixed : actual.length != fixed) {
            return null;
        }
        for (int i = 0; i < fixed; i++) {
            String part = parts.get(i);
            if (i == tenant || part.equals(STAR)) {
                if (actual[i].isEmpty()) {
                    return null;
                }
            } else if (ignoreCase ? !part.equalsIgnoreCase(actual[i]) : !part.equals(actual[i])) {
                return null;
            }
        }
        return actual[tenant];
    }
}
