package dev.tenantguard.agent.policy;

import java.util.List;

/**
 * The compiled key rules of a family ({@code redis.keys}): which tenant owns a key, decided
 * without allocating, and whether a key pattern can reach another tenant's keys.
 */
public final class KeyRules {
    private final KeyRule[] rules;

    public KeyRules(List<String> patterns) {
        rules = new KeyRule[patterns.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = KeyRule.compile(patterns.get(i));
        }
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    public int size() {
        return rules.length;
    }

    /**
     * The first rule {@code key} falls under whose tenant is not {@code tenant} ({@code null}: no
     * tenant), or {@code null} when every rule the key falls under is {@code tenant}'s, or none.
     * Allocates nothing.
     */
    public KeyRule crossed(String key, String tenant) {
        for (KeyRule rule : rules) {
            long match = rule.match(key);
            if (match == KeyRule.NO_MATCH) {
                continue;
            }
            if (tenant == null || match < 0) {
                return rule;
            }
            int start = PathRule.captureStart(match);
            int end = PathRule.captureEnd(match);
            if (end - start != tenant.length() || !key.regionMatches(start, tenant, 0, tenant.length())) {
                return rule;
            }
        }
        return null;
    }

    /** The tenant that owns {@code key} under {@code rule} (for the report), or {@code null}. */
    public static String owner(KeyRule rule, String key) {
        long match = rule.match(key);
        return match < 0 ? null : key.substring(PathRule.captureStart(match), PathRule.captureEnd(match));
    }

    /** The first rule whose keys the Redis glob {@code pattern} can reach with another tenant than {@code tenant}. */
    public KeyRule reachedByPattern(String pattern, String tenant) {
        for (KeyRule rule : rules) {
            if (rule.patternReachesOthers(pattern, tenant)) {
                return rule;
            }
        }
        return null;
    }
}
