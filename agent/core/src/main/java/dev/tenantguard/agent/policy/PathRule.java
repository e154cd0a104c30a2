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
    public static final long NO_MATCH = -1L;
    private static final long MATCHED_NO_CAPTURE = -2L;

    private final String pattern;
    private final String literalPrefix;
    private final Segment[] segments;

    private PathRule(String pattern, String literalPrefix, Segment[] segments) {
        this.pattern = pattern;
        this.literalPrefix = literalPrefix;
        this.segments = segments;
    }

    /**
     * Compiles a rule; a relative rule is resolved against the working directory of
     * {@code normalizer}. The rule must hold {@code {tenant}} exactly once (the policy loader
     * has checked it).
     */
    public static PathRule compile(String rule, PathNormalizer normalizer) {
        String absolute = rule.startsWith("/") ? rule : normalizer.workingDirectory() + "/" + rule;
        List<Segment> segments = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        StringBuilder prefix = new StringBuilder("/");
        boolean literalSoFar = true;
        for (String text : absolute.split("/")) {
            if (text.isEmpty() || text.equals(".")) {
                continue;
            }
            if (text.equals("..")) {
                throw new IllegalArgumentException("a file rule cannot contain '..': " + rule);
            }
            Segment segment = Segment.parse(text);
            segments.add(segment);
            texts.add(text);
            if (literalSoFar && segment.isLiteral()) {
                prefix.append(text).append('/');
            } else {
                literalSoFar = false;
            }
        }
        return new PathRule("/" + String.join("/", texts), prefix.toString(), segments.toArray(new Segment[0]));
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
        if (!path.startsWith(literalPrefix)) {
            return NO_MATCH;
        }
        int n = path.length();
        long result = matchFrom(0, path, n > 1 ? 1 : n + 1, n);
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
        Segment segment = segments[si];
        if (segment.isDoubleStar()) {
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

    /** One segment of a rule: a literal, {@code **}, or a sequence of literal/{@code *}/{@code {tenant}} tokens. */
    private static final class Segment {
        private static final String TENANT = "{tenant}";
        private static final Object STAR = new Object();
        private static final Object CAPTURE = new Object();

        /** Strings for literal text, {@link #STAR}, {@link #CAPTURE}; null for {@code **}. */
        private final Object[] tokens;

        private Segment(Object[] tokens) {
            this.tokens = tokens;
        }

        static Segment parse(String text) {
            if (text.equals("**")) {
                return new Segment(null);
            }
            List<Object> tokens = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            for (int i = 0; i < text.length(); ) {
                if (text.startsWith(TENANT, i)) {
                    flush(literal, tokens);
                    tokens.add(CAPTURE);
                    i += TENANT.length();
                } else if (text.charAt(i) == '*') {
                    flush(literal, tokens);
                    if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != STAR) {
                        tokens.add(STAR);
                    }
                    i++;
                } else {
                    literal.append(text.charAt(i++));
                }
            }
            flush(literal, tokens);
            return new Segment(tokens.toArray());
        }

        private static void flush(StringBuilder literal, List<Object> tokens) {
            if (literal.length() > 0) {
                tokens.add(literal.toString());
                literal.setLength(0);
            }
        }

        boolean isDoubleStar() {
            return tokens == null;
        }

        boolean isLiteral() {
            return tokens != null && tokens.length == 1 && tokens[0] instanceof String;
        }

        /** Matches {@code path[from, to)}: NO_MATCH, MATCHED_NO_CAPTURE, or a packed capture. */
        long match(String path, int from, int to) {
            return matchTokens(0, path, from, to);
        }

        private long matchTokens(int ti, String path, int i, int to) {
            if (ti == tokens.length) {
                return i == to ? MATCHED_NO_CAPTURE : NO_MATCH;
            }
            Object token = tokens[ti];
            if (token instanceof String) {
                String literal = (String) token;
                int len = literal.length();
                if (i + len > to || !path.regionMatches(i, literal, 0, len)) {
                    return NO_MATCH;
                }
                return matchTokens(ti + 1, path, i + len, to);
            }
            int min = token == CAPTURE ? i + 1 : i;
            for (int j = to; j >= min; j--) {
                long rest = matchTokens(ti + 1, path, j, to);
                if (rest != NO_MATCH) {
                    return token == CAPTURE ? ((long) i << 32) | j : rest;
                }
            }
            return NO_MATCH;
        }
    }
}
