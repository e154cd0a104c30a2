package dev.tenantguard.agent.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one line of the JSONL report: a flat JSON object whose values are strings, {@code null},
 * numbers, booleans or arrays of strings (the {@code stack}). Anything else — nested objects,
 * trailing text, a bad escape — is rejected with an {@link IllegalArgumentException} naming the
 * offset, so that a malformed line is reported, never guessed at.
 */
final class JsonLine {
    private final String text;
    private int pos;

    private JsonLine(String text) {
        this.text = text;
    }

    /** The fields of {@code line}: String, {@code null}, BigDecimal, Boolean or {@code List<String>} values. */
    static Map<String, Object> parse(String line) {
        JsonLine reader = new JsonLine(line);
        Map<String, Object> fields = reader.object();
        reader.skipSpace();
        if (reader.pos != line.length()) {
            throw reader.error("text after the object");
        }
        return fields;
    }

    private Map<String, Object> object() {
        skipSpace();
        expect('{');
        Map<String, Object> fields = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return fields;
        }
        while (true) {
            skipSpace();
            int at = pos;
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (fields.containsKey(name)) {
                pos = at;
                throw error("field \"" + name + "\" twice");
            }
            fields.put(name, value());
            skipSpace();
            char c = next("',' or '}'");
            if (c == '}') {
                return fields;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            return stringArray();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        if (text.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error(c == 0 ? "expected a value, found the end of the line" : "unexpected '" + c + "'");
    }

    private List<String> stringArray() {
        expect('[');
        List<String> values = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(values);
        }
        while (true) {
            skipSpace();
            values.add(string());
            skipSpace();
            char c = next("',' or ']'");
            if (c == ']') {
                return Collections.unmodifiableList(values);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array of strings");
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number");
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("the closing '\"'");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next("an escape");
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                    break;
                default:
                    pos -= 2;
                    throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private char next(String expected) {
        if (pos >= text.length()) {
            throw error("expected " + expected + ", found the end of the line");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (pos >= text.length()) {
            throw error("expected '" + c + "', found the end of the line");
        }
        if (text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at column " + (pos + 1));
    }
}
