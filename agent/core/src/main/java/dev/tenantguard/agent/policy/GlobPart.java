package dev.tenantguard.agent.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment of a path rule or one label of a URL rule: {@code **}, or a sequence of literal
 * text, {@code *} and {@code {tenant}}. Matches a region of a string in place, without allocating;
 * the {@code {tenant}} capture is returned packed as {@code start << 32 | end}, longest first.
 */
final class GlobPart {
    /** No match. */
    static final long NO_MATCH = -1L;
    /** A match that captured nothing (the capture is in another part). */
    static final long MATCHED_NO_CAPTURE = -2L;
    static final GlobPart DOUBLE_STAR = new GlobPart(null);

    private static final String TENANT = "{tenant}";
    private static final Object STAR = new Object();
    private static final Object CAPTURE = new Object();

    /** Strings for literal text, {@link #STAR}, {@link #CAPTURE}; null for {@code **}. */
    private final Object[] tokens;

    private GlobPart(Object[] tokens) {
        this.tokens = tokens;
    }

    static GlobPart parse(String text) {
        if (text.equals("**")) {
            return DOUBLE_STAR;
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
        return new GlobPart(tokens.toArray());
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

    /** Whether the part is exactly {@code {tenant}}: any non-empty text, all of it captured. */
    boolean isCaptureOnly() {
        return tokens != null && tokens.length == 1 && tokens[0] == CAPTURE;
    }

    /** The text of a {@link #isLiteral() literal} part. */
    String literal() {
        return (String) tokens[0];
    }

    /** Matches {@code s[from, to)}: NO_MATCH, MATCHED_NO_CAPTURE, or a packed capture. */
    long match(String s, int from, int to) {
        return matchTokens(0, s, from, to);
    }

    private long matchTokens(int ti, String s, int i, int to) {
        if (ti == tokens.length) {
            return i == to ? MATCHED_NO_CAPTURE : NO_MATCH;
        }
        Object token = tokens[ti];
        if (token instanceof String) {
            String literal = (String) token;
            int len = literal.length();
            if (i + len > to || !s.regionMatches(i, literal, 0, len)) {
                return NO_MATCH;
            }
            return matchTokens(ti + 1, s, i + len, to);
        }
        int min = token == CAPTURE ? i + 1 : i;
        for (int j = to; j >= min; j--) {
            long rest = matchTokens(ti + 1, s, j, to);
            if (rest != NO_MATCH) {
                return token == CAPTURE ? ((long) i << 32) | j : rest;
            }
        }
        return NO_MATCH;
    }
}
