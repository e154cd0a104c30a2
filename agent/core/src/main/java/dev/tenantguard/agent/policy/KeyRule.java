package dev.tenantguard.agent.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * One compiled key rule such as {@code tenant:{tenant}:**}: the pattern language of file rules
 * ({@link PathRule}) with {@code :} as the separator. {@code **} matches any number of whole
 * segments, {@code *} any text within a segment, {@code {tenant}} captures the owning tenant
 * (non-empty, within one segment). Used for Redis keys and pub/sub channels.
 *
 * <p>Message destinations use the same language with {@code .} as the separator (AMQP routing keys).
 *
 * <p>Matching works on the key in place and allocates nothing: the capture is returned as a
 * packed {@code long} ({@link PathRule#captureStart}, {@link PathRule#captureEnd}).
 */
public final class KeyRule {
    /** The separator of Redis keys. */
    public static final char SEPARATOR = ':';
    /** No match. */
    public static final long NO_MATCH = GlobPart.NO_MATCH;
    private static final long MATCHED_NO_CAPTURE = GlobPart.MATCHED_NO_CAPTURE;

    private final String pattern;
    private final String literalPrefix;
    private final GlobPart[] segments;
    private final int literalSegments;
    /** The index of the segment that holds {@code {tenant}}. */
    private final int tenantSegment;
    private final char separator;

    private KeyRule(String pattern, String literalPrefix, GlobPart[] segments, int literalSegments, int tenantSegment,
            char separator) {
        this.separator = separator;
        this.pattern = pattern;
        this.literalPrefix = literalPrefix;
        this.segments = segments;
        this.literalSegments = literalSegments;
        this.tenantSegment = tenantSegment;
    }

    /** Compiles a Redis key rule that holds {@code {tenant}} exactly once (the policy loader has checked it). */
    public static KeyRule compile(String rule) {
        KeyRule compiled = compile(rule, SEPARATOR);
        if (compiled.tenantSegment < 0) {
            throw new IllegalArgumentException("a key rule needs {tenant}: " + rule);
        }
        return compiled;
    }

    /**
     * Compiles a rule with {@code separator} between segments. Without {@code {tenant}}, a match
     * returns {@code MATCHED_NO_CAPTURE} ({@code -2}) rather than a capture.
     */
    public static KeyRule compile(String rule, char separator) {
        List<GlobPart> segments = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        boolean literalSoFar = true;
        int literalSegments = 0;
        int tenantSegment = -1;
        String[] texts = rule.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        for (int i = 0; i < texts.length; i++) {
            GlobPart segment = GlobPart.parse(texts[i]);
            segments.add(segment);
            if (texts[i].contains("{tenant}")) {
                tenantSegment = i;
            }
            if (literalSoFar && segment.isLiteral() && i < texts.length - 1) {
                prefix.append(texts[i]).append(separator);
                literalSegments++;
            } else {
                literalSoFar = false;
            }
        }
        return new KeyRule(rule, prefix.toString(), segments.toArray(new GlobPart[0]), literalSegments, tenantSegment,
                separator);
    }

    /** The rule as written: how reports name it. */
    public String pattern() {
        return pattern;
    }

    /** The literal text every matching key starts with (empty, or ending in {@code :}). */
    public String literalPrefix() {
        return literalPrefix;
    }

    /**
     * Matches a key. Returns {@link #NO_MATCH}, or the tenant capture as {@code start << 32 | end}
     * (indexes into {@code key}); a rule without {@code {tenant}} returns {@code -2} on a match.
     */
    public long match(String key) {
        if (!key.startsWith(literalPrefix)) {
            return NO_MATCH;
        }
        return matchFrom(literalSegments, key, literalPrefix.length(), key.length());
    }

    /**
     * Whether a key matching the Redis glob {@code pattern} ({@code *}, {@code ?}, {@code [..]},
     * {@code \}) can fall under this rule with a tenant other than {@code tenant}: false only when
     * the pattern's literal start cannot lead to this rule's keys, or fixes this rule's tenant
     * segment to {@code tenant}. Runs on commands that take patterns (KEYS, SCAN, PSUBSCRIBE), so
     * it may allocate.
     */
    public boolean patternReachesOthers(String pattern, String tenant) {
        int meta = firstMeta(pattern);
        String literal = pattern.substring(0, meta);
        if (meta == pattern.length()) {
            // no wildcard: the pattern names one key
            long m = match(literal);
            return m != NO_MATCH && !captures(literal, m, tenant);
        }
        if (!literal.startsWith(literalPrefix) && !literalPrefix.startsWith(literal)) {
            return false;
        }
        // the first tenantSegment + 1 segments must be complete in the literal start
        int pos = 0;
        for (int si = 0; si <= tenantSegment; si++) {
            int end = literal.indexOf(separator, pos);
            if (end < 0 || segments[si].isDoubleStar()) {
                return true;
            }
            long here = segments[si].match(literal, pos, end);
            if (here == NO_MATCH) {
                // the literal start leaves this rule at a fixed segment: none of its keys match
                return false;
            }
            if (si == tenantSegment) {
                return here < 0 || !captures(literal, here, tenant);
            }
            pos = end + 1;
        }
        return true;
    }

    private static boolean captures(String key, long match, String tenant) {
        if (tenant == null || match < 0) {
            return false;
        }
        int start = PathRule.captureStart(match);
        int end = PathRule.captureEnd(match);
        return end - start == tenant.length() && key.regionMatches(start, tenant, 0, tenant.length());
    }

    private static int firstMeta(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return i;
            }
        }
        return pattern.length();
    }

    /** {@code pos} is where the next segment starts; {@code n + 1} once all are consumed. */
    private long matchFrom(int si, String key, int pos, int n) {
        if (si == segments.length) {
            return pos == n + 1 ? MATCHED_NO_CAPTURE : NO_MATCH;
        }
        GlobPart segment = segments[si];
        if (segment.isDoubleStar()) {
            if (si == segments.length - 1) {
                return MATCHED_NO_CAPTURE;
            }
            long none = matchFrom(si + 1, key, pos, n);
            if (none != NO_MATCH || pos > n) {
                return none;
            }
            return matchFrom(si, key, segmentEnd(key, pos, n) + 1, n);
        }
        if (pos > n) {
            return NO_MATCH;
        }
        int end = segmentEnd(key, pos, n);
        long here = segment.match(key, pos, end);
        if (here == NO_MATCH) {
            return NO_MATCH;
        }
        long rest = matchFrom(si + 1, key, end + 1, n);
        if (rest == NO_MATCH) {
            return NO_MATCH;
        }
        return here >= 0 ? here : rest;
    }

    private int segmentEnd(String key, int pos, int n) {
        int sep = key.indexOf(separator, pos);
        return sep < 0 ? n : sep;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
