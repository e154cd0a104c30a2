package dev.tenantguard.agent.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@code jwtClaim} source: one top-level claim of the payload of the request's
 * {@code Authorization: Bearer} token. The token is not verified here — the application verifies
 * it; the agent only reads whose request it is. A string or number claim is the tenant; anything
 * else (absent, an object, an unreadable token) gives none.
 */
final class BearerClaim {
    private static final String SCHEME = "bearer ";

    private BearerClaim() {
    }

    /** The claim's value in the token of {@code authorization} (the header value), or {@code null}. */
    static String read(String authorization, String claim) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(stripPadding(token.substring(first + 1, second))),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new JsonClaims(payload).topLevel(claim);
    }

    private static String stripPadding(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }

    /** Just enough of a JSON reader to find one member of the top-level object. */
    static final class JsonClaims {
        private final String text;
        private int at;

        JsonClaims(String text) {
            this.text = text;
        }

        /** The member {@code name} of the top-level object as text (strings and numbers), or null. */
        String topLevel(String name) {
            try {
                space();
                if (!take('{')) {
                    return null;
                }
                space();
                if (take('}')) {
                    return null;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    space();
                    if (key.equals(name)) {
                        char c = peek();
                        if (c == '"') {
                            return string();
                        }
                        if (c == '-' || c >= '0' && c <= '9') {
                            int start = at;
                            skipValue();
                            return text.substring(start, at);
                        }
                        return null;
                    }
                    skipValue();
                    space();
                } while (take(','));
                return null;
            } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException e) {
                return null;
            }
        }

        private void skipValue() {
            char c = peek();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = peek();
                    if (d == '"') {
                        string();
                        continue;
                    }
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                    }
                    at++;
                } while (depth > 0);
            } else {
                while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
                    at++;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private char peek() {
            return text.charAt(at);
        }

        private boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!take(c)) {
                throw new IllegalStateException("expected " + c);
            }
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
