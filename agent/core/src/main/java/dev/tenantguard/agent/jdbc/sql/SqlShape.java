package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement with its literals taken out: the text with each plain string and integer literal, and
 * each {@code IN} list made only of them, replaced by {@code ?}, and the values that were there.
 * Statements that differ only in inlined values have one shape, and so share one analysis
 * ({@link ShapeAnalysis}); the values are compared per call.
 *
 * <p>One pass over the text, no regular expression, no parse. It reads the text the way
 * {@link SqlLexer} does, and gives up (returns {@code null}) on everything that lexer reads
 * differently per dialect — executable and nested comments, {@code #}, {@code --} without a space,
 * a backslash in a string, {@code $} quoting, {@code ;} — so that the {@code ?} of the shape are
 * numbered exactly as the lexer numbers them. A literal written against anything but a space, a
 * bracket, a comma or an operator ({@code N'x'}, {@code U&'x'}, {@code x'1F'}, {@code t.1},
 * {@code :1}) is left in the shape: it then keys the analysis by its value.
 */
public final class SqlShape {
    /** Texts longer than this are analysed as they are: a shape would not be reused anyway. */
    static final int MAX_LENGTH = 16_384;

    private final String text;
    /** Per {@code ?} of the shape, in textual order: the JDBC index of a real {@code ?}, or -1 for a literal. */
    private final int[] slots;
    /** Per {@code ?} of the shape: the literal values it replaced (one, or an IN list's), or null. */
    private final String[][] values;

    private SqlShape(String text, int[] slots, String[][] values) {
        this.text = text;
        this.slots = slots;
        this.values = values;
    }

    /** The shape of {@code sql}; {@code null} when it has no literal to take out or cannot be read safely. */
    public static SqlShape of(String sql) {
        if (sql == null || sql.length() > MAX_LENGTH) {
            return null;
        }
        return new Reader(sql).read();
    }

    /** The text with {@code ?} for the literals: what the analysis of the shape reads. */
    public String text() {
        return text;
    }

    int parameterCount() {
        return slots.length;
    }

    /** Whether {@code ?} number {@code index} (1-based, of the shape) stands for literals of the text. */
    boolean isLiteral(int index) {
        return slots[index - 1] < 0;
    }

    /** The JDBC index in the text of the shape's {@code ?} number {@code index}, when it is a real one. */
    int jdbcIndex(int index) {
        return slots[index - 1];
    }

    /** The literal values the shape's {@code ?} number {@code index} stands for. */
    List<String> literals(int index) {
        return Arrays.asList(values[index - 1]);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The single pass; {@code read()} returns {@code null} as soon as the text is not safe to shape. */
    private static final class Reader {
        private final String sql;
        private final StringBuilder out;
        private final List<String[]> slotValues = new ArrayList<>();
        private int jdbcParameters;
        private boolean anyLiteral;
        private int pos;

        Reader(String sql) {
            this.sql = sql;
            this.out = new StringBuilder(sql.length());
        }

        SqlShape read() {
            int n = sql.length();
            while (pos < n) {
                char c = sql.charAt(pos);
                char next = pos + 1 < n ? sql.charAt(pos + 1) : '\0';
                if (c == '-' && next == '-') {
                    if (!lineComment()) {
                        return null;
                    }
                } else if (c == '/' && next == '*') {
                    if (!blockComment()) {
                        return null;
                    }
                } else if (c == '\'') {
                    if (!string()) {
                        return null;
                    }
                } else if (c == '"' || c == '`') {
                    if (!quoted(c)) {
                        return null;
                    }
                } else if (c == '$' || c == '#' || c == ';' || c == '\\') {
                    return null;
                } else if (c == '?') {
                    if (next >= '0' && next <= '9') {
                        return null; // a numbered ?1 is no JDBC parameter
                    }
                    slotValues.add(null);
                    jdbcParameters++;
                    out.append('?');
                    pos++;
                } else if (c == '(' && afterIn() && inList()) {
                    // consumed
                } else if (isWordChar(c)) {
                    word();
                } else {
                    out.append(c);
                    pos++;
                }
            }
            if (!anyLiteral) {
                return null;
            }
            int[] slots = new int[slotValues.size()];
            String[][] values = new String[slots.length][];
            int jdbc = 0;
            for (int i = 0; i < slots.length; i++) {
                values[i] = slotValues.get(i);
                slots[i] = values[i] == null ? ++jdbc : -1;
            }
            return new SqlShape(out.toString(), slots, values);
        }

        private boolean lineComment() {
            char after = pos + 2 < sql.length() ? sql.charAt(pos + 2) : ' ';
            if (!Character.isWhitespace(after) && !Character.isISOControl(after)) {
                return false;
            }
            int end = sql.indexOf('\n', pos);
            end = end < 0 ? sql.length() : end + 1;
            out.append(sql, pos, end);
            pos = end;
            return true;
        }

        private boolean blockComment() {
            int content = pos + 2;
            if (content < sql.length() && (sql.charAt(content) == '!' || sql.charAt(content) == 'M'
                    || sql.charAt(content) == 'm')) {
                return false; // executable comments are code on MySQL/MariaDB
            }
            int end = sql.indexOf("*/", content);
            int nested = sql.indexOf("/*", content);
            if (end < 0 || (nested >= 0 && nested < end)) {
                return false;
            }
            out.append(sql, pos, end + 2);
            pos = end + 2;
            return true;
        }

        /** A string literal: taken out when it stands alone, else kept. False when it is not safe to read. */
        private boolean string() {
            int end = stringEnd(pos);
            if (end < 0) {
                return false;
            }
            if (standsAlone(pos)) {
                take(new String[] {unquote(pos, end)});
            } else {
                out.append(sql, pos, end);
            }
            pos = end;
            return true;
        }

        /** The position after the string literal opening at {@code start}, or -1 (unterminated, backslash). */
        private int stringEnd(int start) {
            int i = start + 1;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '\\') {
                    return -1; // MySQL/MariaDB read an escape, the others a backslash
                }
                if (c == '\'') {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return -1;
        }

        /** A string's value as the parser gives it: the quotes removed, {@code ''} read as {@code '}. */
        private String unquote(int start, int end) {
            String body = sql.substring(start + 1, end - 1);
            return body.indexOf('\'') < 0 ? body : body.replace("''", "'");
        }

        private boolean quoted(char quote) {
            int i = pos + 1;
            while (i < sql.length()) {
                if (sql.charAt(i) == '\\') {
                    return false; // MySQL/MariaDB read a double-quoted string with escapes
                }
                if (sql.charAt(i) == quote) {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                        i += 2;
                        continue;
                    }
                    out.append(sql, pos, i + 1);
                    pos = i + 1;
                    return true;
                }
                i++;
            }
            return false;
        }

        private void word() {
            int start = pos;
            while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                pos++;
            }
            if (isInteger(start, pos) && standsAlone(start) && (pos >= sql.length() || sql.charAt(pos) != '.')) {
                take(new String[] {sql.substring(start, pos)});
            } else {
                out.append(sql, start, pos);
            }
        }

        /**
         * {@code IN (v, …)} whose values are all literals that stand alone: one {@code ?} for the whole
         * list, so that lists of any length share a shape. False (nothing consumed) for any other list.
         */
        private boolean inList() {
            List<String> values = new ArrayList<>();
            int i = pos + 1;
            while (true) {
                i = skipSpaces(i);
                if (i >= sql.length()) {
                    return false;
                }
                char c = sql.charAt(i);
                int end;
                if (c == '\'') {
                    end = stringEnd(i);
                    if (end < 0) {
                        return false;
                    }
                    values.add(unquote(i, end));
                } else {
                    end = i;
                    while (end < sql.length() && isWordChar(sql.charAt(end))) {
                        end++;
                    }
                    if (!isInteger(i, end)) {
                        return false;
                    }
                    values.add(sql.substring(i, end));
                }
                i = skipSpaces(end);
                if (i >= sql.length()) {
                    return false;
                }
                if (sql.charAt(i) == ')') {
                    break;
                }
                if (sql.charAt(i) != ',') {
                    return false;
                }
                i++;
            }
            out.append('(');
            take(values.toArray(new String[0]));
            out.append(')');
            pos = i + 1;
            return true;
        }

        /** Whether the last word written is a whole {@code IN} (spaces between it and the bracket allowed). */
        private boolean afterIn() {
            int end = out.length();
            while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
                end--;
            }
            return end >= 2 && (out.charAt(end - 1) == 'n' || out.charAt(end - 1) == 'N')
                    && (out.charAt(end - 2) == 'i' || out.charAt(end - 2) == 'I')
                    && (end == 2 || !isWordChar(out.charAt(end - 3)));
        }

        private void take(String[] values) {
            slotValues.add(values);
            anyLiteral = true;
            out.append('?');
        }

        private int skipSpaces(int i) {
            while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                i++;
            }
            return i;
        }

        /** Whether the character before {@code start} separates a value: a space, bracket, comma or operator. */
        private boolean standsAlone(int start) {
            if (start == 0) {
                return true;
            }
            char before = sql.charAt(start - 1);
            return Character.isWhitespace(before) || "(,=<>+-*/%|".indexOf(before) >= 0;
        }

        private boolean isInteger(int start, int end) {
            if (start == end) {
                return false;
            }
            for (int i = start; i < end; i++) {
                char c = sql.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
