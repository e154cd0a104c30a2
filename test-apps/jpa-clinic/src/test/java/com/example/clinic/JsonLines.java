package com.example.clinic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSONL report into maps. A minimal strict JSON parser (objects, arrays, strings, numbers,
 * true/false/null), so the test has no JSON dependency and still fails loudly on a malformed line.
 */
final class JsonLines {
    private final String text;
    private int pos;

    private JsonLines(String text) {
        this.text = text;
    }

    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (!Files.exists(file)) {
            return objects;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                objects.add(parseObject(line));
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String line) {
        JsonLines parser = new JsonLines(line);
        Object value = parser.value();
        parser.skipSpace();
        if (!(value instanceof Map) || parser.pos != line.length()) {
            throw new IllegalArgumentException("not one JSON object: " + line);
        }
        return (Map<String, Object>) value;
    }

    private Object value() {
        skipSpace();
        char c = peek();
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            if (!consumeIf('}')) {
                do {
                    skipSpace();
                    String key = string();
                    expect(':');
                    map.put(key, value());
                } while (consumeIf(','));
                expect('}');
            }
            return map;
        }
        if (c == '[') {
            List<Object> list = new ArrayList<>();
            pos++;
            if (!consumeIf(']')) {
                do {
                    list.add(value());
                } while (consumeIf(','));
                expect(']');
            }
            return list;
        }
        if (c == '"') {
            return string();
        }
        for (String literal : new String[] {"null", "true", "false"}) {
            if (text.startsWith(literal, pos)) {
                pos += literal.length();
                return literal.equals("null") ? null : Boolean.valueOf(literal);
            }
        }
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("a value");
        }
        return Double.valueOf(text.substring(start, pos));
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consumeIf(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consumeIf(c)) {
            throw error("'" + c + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("more input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("expected " + expected + " at column " + pos + " of: " + text);
    }
}
