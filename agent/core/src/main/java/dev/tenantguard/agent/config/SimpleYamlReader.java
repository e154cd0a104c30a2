package dev.tenantguard.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the YAML that policy files are written in — block mappings with plain keys, block lists,
 * one-line flow lists and mappings, plain, single- and double-quoted scalars without escapes,
 * comments — into the tree SnakeYAML's composer gives for the same text, lines included, without
 * loading SnakeYAML: at start that saves the JVM loading and running about a hundred classes.
 *
 * <p>Anything else — anchors, aliases, tags, block scalars, escapes, multi-line scalars, flow
 * collections over several lines, tabs, document markers, a key that is not a plain word, and
 * every text that is not well-formed YAML — is {@link #UNSUPPORTED}: the caller reads the file with
 * SnakeYAML, which also says what is wrong with it. So this reader never decides what a text means
 * where SnakeYAML would decide otherwise; it only reads what it is sure of (held against SnakeYAML
 * by {@code SimpleYamlReaderTest}).
 */
final class SimpleYamlReader {
    /** What {@link #read} returns for a text outside the subset. */
    static final YamlNode UNSUPPORTED = YamlNode.scalar("(unsupported)", false, 0);

    /** Thrown inside the reader when the text leaves the subset. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final String[] lines;
    /** The next line to read. */
    private int pos;

    private SimpleYamlReader(String[] lines) {
        this.lines = lines;
    }

    /**
     * The document's root; {@code null} for an empty document (nothing, or only comments);
     * {@link #UNSUPPORTED} when the text is not within this reader's subset.
     */
    static YamlNode read(String text) {
        if (!plainCharacters(text)) {
            return UNSUPPORTED;
        }
        SimpleYamlReader reader = new SimpleYamlReader(text.split("\n", -1));
        try {
            reader.skipBlank();
            if (reader.pos == reader.lines.length) {
                return null;
            }
            YamlNode root = reader.block(indent(reader.lines[reader.pos]));
            reader.skipBlank();
            // each block reads the lines at its own indent: a line left over is indented as no block
            // reads it (a scalar over lines, a value under a key that has one), or not YAML
            return reader.pos == reader.lines.length ? root : UNSUPPORTED;
        } catch (Unsupported e) {
            return UNSUPPORTED;
        }
    }

    /** No tab, carriage return, control character, byte-order mark or surrogate: what YAML reads as it is. */
    private static boolean plainCharacters(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\n' : c >= 0x7f && (c <= 0x9f || c == 0xfeff || c >= 0xd800 && c <= 0xdfff || c >= 0xfffe)) {
                return false;
            }
        }
        return true;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Skips blank lines and lines holding only a comment. */
    private void skipBlank() {
        while (pos < lines.length) {
            String line = lines[pos];
            int i = indent(line);
            if (i < line.length() && line.charAt(i) != '#') {
                return;
            }
            pos++;
        }
    }

    private static Unsupported unsupported() {
        return new Unsupported();
    }

    /** The block node whose first line is the current one, at {@code indent}. */
    private YamlNode block(int indent) {
        String line = lines[pos];
        if (isItem(line, indent)) {
            return sequence(indent);
        }
        if (keyEnd(line, indent) > 0) {
            return mapping(indent);
        }
        throw unsupported(); // a scalar over lines, or not YAML
    }

    private static boolean isItem(String line, int indent) {
        return line.startsWith("-", indent) && (line.length() == indent + 1 || line.charAt(indent + 1) == ' ');
    }

    /**
     * Where the ':' of a {@code key:} line at {@code indent} is, with a plain word as its key (a
     * letter, digit or {@code _}, then those, {@code .} and {@code -}); else -1.
     */
    private static int keyEnd(String line, int indent) {
        int i = indent;
        while (i < line.length() && isKeyCharacter(line.charAt(i))) {
            i++;
        }
        if (i == indent || !startsKey(line.charAt(indent)) || i == line.length() || line.charAt(i) != ':') {
            return -1;
        }
        return i + 1 == line.length() || line.charAt(i + 1) == ' ' ? i : -1;
    }

    /** Not {@code -} or {@code .}: {@code ---} and {@code ...} mark documents. */
    private static boolean startsKey(char c) {
        return c != '-' && c != '.';
    }

    private static boolean isKeyCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '-';
    }

    private YamlNode mapping(int indent) {
        int first = pos + 1;
        List<YamlNode> keysAndValues = new ArrayList<>();
        while (pos < lines.length && indent(lines[pos]) == indent) {
            String line = lines[pos];
            int colon = keyEnd(line, indent);
            if (colon < 0) {
                throw unsupported();
            }
            int keyLine = pos + 1;
            String key = line.substring(indent, colon);
            keysAndValues.add(YamlNode.scalar(key, isNullWord(key), keyLine));
            String rest = line.substring(colon + 1);
            if (isBlankOrComment(rest)) {
                pos++;
                skipBlank();
                if (pos < lines.length && indent(lines[pos]) > indent) {
                    keysAndValues.add(block(indent(lines[pos])));
                } else if (pos < lines.length && isItem(lines[pos], indent)) {
                    keysAndValues.add(sequence(indent)); // a list under its key, not indented
                } else {
                    keysAndValues.add(YamlNode.scalar("", true, keyLine));
                }
            } else {
                keysAndValues.add(inline(rest, colon + 1, keyLine));
                pos++;
                skipBlank();
            }
        }
        return YamlNode.mapping(keysAndValues, first);
    }

    private YamlNode sequence(int indent) {
        int first = pos + 1;
        List<YamlNode> items = new ArrayList<>();
        while (pos < lines.length && indent(lines[pos]) == indent && isItem(lines[pos], indent)) {
            String line = lines[pos];
            String rest = line.substring(indent + 1);
            if (isBlankOrComment(rest) || keyEnd(line, indent(line.substring(indent + 1)) + indent + 1) > 0) {
                throw unsupported(); // an item on the lines below, or a mapping in the list
            }
            items.add(inline(rest, indent + 1, pos + 1));
            pos++;
            skipBlank();
        }
        return YamlNode.sequence(items, first);
    }

    private static boolean isBlankOrComment(String text) {
        int i = indent(text);
        return i == text.length() || text.charAt(i) == '#' && i > 0;
    }

    /**
     * A value written on its line after {@code key:} or {@code -}: {@code text} is the rest of the
     * line, starting with at least one space, at column {@code column}.
     */
    private static YamlNode inline(String text, int column, int line) {
        Cursor at = new Cursor(text, indent(text));
        YamlNode value;
        char c = at.peek();
        if (c == '[') {
            value = flowSequence(at, line);
        } else if (c == '{') {
            value = flowMapping(at, line);
        } else if (c == '"' || c == '\'') {
            value = YamlNode.scalar(quoted(at), false, line);
        } else {
            value = plain(at, line);
        }
        at.endOfLine();
        return value;
    }

    /** A position in one line's text. */
    private static final class Cursor {
        final String text;
        int i;

        Cursor(String text, int i) {
            this.text = text;
            this.i = i;
        }

        boolean atEnd() {
            return i == text.length();
        }

        /** The character at the cursor; a line that ends where a value must go (a flow collection over lines) is not in the subset. */
        char peek() {
            if (i == text.length()) {
                throw unsupported();
            }
            return text.charAt(i);
        }

        void skipSpaces() {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }

        /** Only spaces and a comment may follow a value. */
        void endOfLine() {
            int start = i;
            skipSpaces();
            if (!atEnd() && !(peek() == '#' && i > start)) {
                throw unsupported();
            }
        }
    }

    private static String quoted(Cursor at) {
        char quote = at.peek();
        StringBuilder value = new StringBuilder();
        for (int i = at.i + 1; i < at.text.length(); i++) {
            char c = at.text.charAt(i);
            if (c == '\\' && quote == '"') {
                throw unsupported(); // escapes: SnakeYAML's to read
            }
            if (c == quote) {
                if (quote == '\'' && i + 1 < at.text.length() && at.text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i++;
                    continue;
                }
                at.i = i + 1;
                return value.toString();
            }
            value.append(c);
        }
        throw unsupported(); // closed on another line
    }

    /** A plain scalar in block context, up to a comment or the end of the line. */
    private static YamlNode plain(Cursor at, int line) {
        String text = at.text;
        char first = text.charAt(at.i);
        if ("-?:,[]{}#&*!|>%@`\"'".indexOf(first) >= 0) {
            throw unsupported();
        }
        int end = at.i;
        int lastContent = at.i;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '#' && text.charAt(end - 1) == ' ') {
                break;
            }
            if (c == ':' && (end + 1 == text.length() || text.charAt(end + 1) == ' ')) {
                throw unsupported(); // a mapping on one line, or not YAML
            }
            if (c != ' ') {
                lastContent = end;
            }
            end++;
        }
        String value = text.substring(at.i, lastContent + 1);
        at.i = lastContent + 1;
        return YamlNode.scalar(value, isNullWord(value), line);
    }

    /** The core schema's null, written plainly. */
    private static boolean isNullWord(String value) {
        return value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL");
    }

    /** {@code [a, "b", {k: v}]} on one line: scalars and one-line mappings of scalars. */
    private static YamlNode flowSequence(Cursor at, int line) {
        List<YamlNode> items = new ArrayList<>();
        boolean closed = opensEmpty(at, ']');
        while (!closed) {
            at.skipSpaces();
            items.add(!at.atEnd() && at.peek() == '{' ? flowMapping(at, line) : flowScalar(at, line, ",]"));
            closed = closesAfterItem(at, ']');
        }
        return YamlNode.sequence(items, line);
    }

    /** Past the opening bracket: whether the collection is empty (and then past its closing one). */
    private static boolean opensEmpty(Cursor at, char close) {
        at.i++;
        at.skipSpaces();
        if (!at.atEnd() && at.peek() == close) {
            at.i++;
            return true;
        }
        return false;
    }

    /** After an item: past a comma (false) or the closing bracket (true); anything else is not read here. */
    private static boolean closesAfterItem(Cursor at, char close) {
        at.skipSpaces();
        char c = at.peek();
        at.i++;
        if (c != close && c != ',') {
            throw unsupported();
        }
        return c == close;
    }

    /** {@code {key: value, …}} on one line: plain keys, scalar values. */
    private static YamlNode flowMapping(Cursor at, int line) {
        List<YamlNode> keysAndValues = new ArrayList<>();
        boolean closed = opensEmpty(at, '}');
        while (!closed) {
            at.skipSpaces();
            int start = at.i;
            while (!at.atEnd() && isKeyCharacter(at.peek())) {
                at.i++;
            }
            if (at.i == start || !startsKey(at.text.charAt(start)) || at.atEnd() || at.peek() != ':'
                    || at.i + 1 == at.text.length() || at.text.charAt(at.i + 1) != ' ') {
                throw unsupported();
            }
            String key = at.text.substring(start, at.i);
            keysAndValues.add(YamlNode.scalar(key, isNullWord(key), line));
            at.i++;
            at.skipSpaces();
            if (at.peek() == ',' || at.peek() == '}') {
                keysAndValues.add(YamlNode.scalar("", true, line));
            } else {
                keysAndValues.add(flowScalar(at, line, ",}"));
            }
            closed = closesAfterItem(at, '}');
        }
        return YamlNode.mapping(keysAndValues, line);
    }

    /** A scalar inside a flow collection, ending before one of {@code ends} (or spaces before one). */
    private static YamlNode flowScalar(Cursor at, int line, String ends) {
        char first = at.peek();
        if (first == '"' || first == '\'') {
            return YamlNode.scalar(quoted(at), false, line);
        }
        if ("-?:,[]{}#&*!|>%@`".indexOf(first) >= 0) {
            throw unsupported();
        }
        int start = at.i;
        int lastContent = start;
        while (!at.atEnd() && ends.indexOf(at.peek()) < 0) {
            char c = at.peek();
            if ("[]{},#:".indexOf(c) >= 0) {
                throw unsupported(); // flow indicators, comments and pairs: SnakeYAML's to read
            }
            if (c != ' ') {
                lastContent = at.i;
            }
            at.i++;
        }
        if (at.atEnd()) {
            throw unsupported();
        }
        String value = at.text.substring(start, lastContent + 1);
        at.i = lastContent + 1;
        return YamlNode.scalar(value, isNullWord(value), line);
    }
}
