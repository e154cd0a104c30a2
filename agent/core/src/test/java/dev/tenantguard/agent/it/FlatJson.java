package dev.tenantguard.agent.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the one JSON shape the agent writes (an object of strings, numbers, null and
 * arrays of strings), written apart from the agent's own reader so that a test does not check the
 * agent with itself. Anything else is an {@link IllegalArgumentException}.
 */
final class FlatJson {
    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /** The fields of {@code line}, which must be exactly one JSON object. */
    static Map<String, Object> object(String line) {
        FlatJson json = new FlatJson(line);
        Map<String, Object> fields = json.object();
        if (json.at != line.length()) {
            throw new IllegalArgumentException("text after the object at " + json.at + ": " + line);
        }
        return fields;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> fields = new LinkedHashMap<>();
        if (peek() == '}') {
            at++;
            return fields;
        }
        do {
            String name = string();
            expect(':');
            if (fields.put(name, value()) != null) {
                throw fail("duplicate field " + name);
            }
        } while (next() == ',');
        at--;
        expect('}');
        return fields;
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            at++;
            List<Object> values = new ArrayList<>();
            if (peek() == ']') {
                at++;
                return values;
            }
            do {
                values.add(value());
            } while (next() == ',');
            at--;
            expect(']');
            return values;
        }
        if (text.startsWith("null", at)) {
            at += 4;
            return null;
        }
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-')) {
            at++;
        }
        if (start == at) {
            throw fail("unexpected '" + c + "'");
        }
        return Long.parseLong(text.substring(start, at));
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw fail("raw control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw fail("bad escape \\" + e);
            }
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw fail("expected '" + c + "'");
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw fail("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private IllegalArgumentException fail(String reason) {
        return new IllegalArgumentException(reason + " at " + at + ": " + text);
    }
}
