package dev.tenantguard.agent.config;

import java.util.List;

/**
 * The {@code http.*} keys.
 *
 * @param mode  {@code http.mode}, defaulting to {@code mode}
 * @param rules {@code http.rules}: URL patterns with {@code {tenant}} in a host label or a path segment
 */
public record HttpPolicy(Mode mode, List<String> rules) {
    public HttpPolicy {
        rules = List.copyOf(rules);
    }

    /** Whether anything is guarded: without rules the family is not instrumented at all. */
    public boolean guardsAnything() {
        return mode != Mode.OFF && !rules.isEmpty();
    }
}
