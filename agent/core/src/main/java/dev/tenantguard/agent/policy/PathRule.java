package dev.tenantguard.agent.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * One compiled file rule such as {@code /srv/data/tenants/{tenant}/**}: {@code **} matches any
 * number of whole segments, {@code *} any text within a segment, {@code {tenant}} captures the
 * owning tenant (non-empty, within one segment, longest first).
 *
 * <p>Matching works on the path string in place and allocates nothing: the capture is returned
 * as a packed {@code long} so the caller can compare it with the current tenant by region.
 */
public final class PathRule {
    /** No match. */
    public static final long NO_MATCH = GlobPart.NO_MATCH;
    private static final long MATCHED_NO_CAPTURE = GlobPart.MATCHED_NO_CAPTURE;

    private final String pattern;
    private final String literalPrefix;
    private final GlobPart[] segments;
    /** How many leading segments the literal prefix holds: matched by its one compare, not again. */
    private final int literalSegments;

    private PathRule(String pattern, String literalPrefix, GlobPart[] segments, int literalSegments) {
        this.pattern = pattern;
        this.literalPrefix = literalPrefix;
        this.segments = segments;
        this.literalSegments = literalSegments;
    }

    /**
     * Compiles a rule; a relative rule is resolved against the working directory of
     * {@code normalizer}. The rule must hold {@code {tenant}} exactly once (the policy loader
     * has checked it).
     */
    public static PathRule compile(String rule, PathNormalizer normalizer) {
        String absolute = rule.startsWith("/") ? rule : normalizer.workingDirectory() + "/" + rule;
        List<GlobPart> segments = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        StringBuilder prefix = new StringBuilder("/");
        boolean literalSoFar = true;
        int literalSegments = 0;
        for (String text : absolute.split("/")) {
            if (text.isEmpty() || text.equals(".")) {
                continue;
            }
            if (text.equals("..")) {
                throw new IllegalArgumentException("a file rule cannot contain '..': " + rule);
            }
            GlobPart segment = GlobPart.parse(text);
            segments.add(segment);
            texts.add(text);
            if (literalSoFar && segment.isLiteral()) {
                prefix.append(text).append('/');
                literalSegments++;
            } else {
                literalSoFar = false;
            }
        }
        return new PathRule("/" + String.join("/", texts), prefix.toString(), segments.toArray(new GlobPart[0]),
                literalSegments);
    }

    /** The rule as written, made absolute: how reports name it. */
    public String pattern() {
        return pattern;
    }

    /** The literal directory every matching path starts with, ending in {@code /}. */
    public String literalPrefix() {
        return literalPrefix;
    }

    /**
     * Matches a normalized absolute path. Returns {@link #NO_MATCH}, or the tenant capture as
     * {@code start << 32 | end} (indexes into {@code path}).
     */
    public long match(String path) {
        return match(path, 0);
    }

    /**
     * {@link #match(String)} of a path whose first {@code known} characters are known to equal the
     * literal prefix's (at most its length): only the rest of the prefix is compared.
     */
    long match(String path, int known) {
        if (!path.regionMatches(known, literalPrefix, known, literalPrefix.length() - known)) {
            return NO_MATCH;
        }
        int n = path.length();
        long result = literalSegments > 0
                ? matchFrom(literalSegments, path, literalPrefix.length(), n)
                : matchFrom(0, path, n > 1 ? 1 : n + 1, n);
        return result >= 0 ? result : NO_MATCH;
    }

    public static int captureStart(long match) {
        return (int) (match >>> 32);
    }

    public static int captureEnd(long match) {
        return (int) match;
    }

    /** {@code pos} is where the next path segment starts; {@code n + 1} once all are consumed. */
    private long matchFrom(int si, String path, int pos, int n) {
        if (si == segments.length) {
            return pos == n + 1 ? MATCHED_NO_CAPTURE : NO_MATCH;
        }
        GlobPart segment = segments[si];
        if (segment.isDoubleStar()) {
            if (si == segments.length - 1) {
                return MATCHED_NO_CAPTURE; // a trailing ** takes whatever is left, nothing included
            }
            long none = matchFrom(si + 1, path, pos, n);
            if (none != NO_MATCH || pos > n) {
                return none;
            }
            return matchFrom(si, path, segmentEnd(path, pos, n) + 1, n);
        }
        if (pos > n) {
            return NO_MATCH;
        }
        int end = segmentEnd(path, pos, n);
        long here = segment.match(path, pos, end);
        if (here == NO_MATCH) {
            return NO_MATCH;
        }
        long rest = matchFrom(si + 1, path, end + 1, n);
        if (rest == NO_MATCH) {
            return NO_MATCH;
        }
        return here >= 0 ? here : rest;
    }

    private static int segmentEnd(String path, int pos, int n) {
        int slash = path.indexOf('/', pos);
        return slash < 0 ? n : slash;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
