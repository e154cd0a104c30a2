package dev.tenantguard.agent.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A {@code subdomain} source: the request's host name matched label by label against a pattern
 * such as {@code {tenant}.app.example.com}, case-insensitively, port and trailing dot removed.
 */
public final class HostTemplate {
    private final List<String> labels;
    private final int tenant;

    private HostTemplate(List<String> labels, int tenant) {
        this.labels = labels;
        this.tenant = tenant;
    }

    /** @throws IllegalArgumentException with the reason when {@code pattern} is not a host pattern */
    public static HostTemplate compile(String pattern) {
        if (pattern.contains("/") || pattern.contains(":")) {
            throw new IllegalArgumentException("a host pattern has no scheme, port or path");
        }
        List<String> labels = Arrays.asList(pattern.toLowerCase(Locale.ROOT).split("\\.", -1));
        return new HostTemplate(labels, TemplateParts.check(labels, "label", false));
    }

    /** The tenant label of {@code host} (may carry a port), or {@code null} when it does not match. */
    public String tenantOf(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String name = host.trim();
        if (name.startsWith("[")) {
            return null; // an IPv6 literal has no labels
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String label = TemplateParts.match(labels, tenant, name.split("\\.", -1), true);
        return label == null ? null : label.toLowerCase(Locale.ROOT);
    }
}
