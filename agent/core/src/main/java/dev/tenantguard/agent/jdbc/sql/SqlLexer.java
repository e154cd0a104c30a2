package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A small SQL lexer that sees the text the way JDBC drivers and databases do, to do three things the
 * parser cannot: number the {@code ?} parameters exactly as JDBC does (across all statements of the
 * text), split the text into statements, and notice constructs that the databases guarded read in
 * different ways, where a parser of one dialect could be shown a harmless statement that another
 * dialect executes differently ({@code WHERE tenant_id = ? /*! OR 1=1 *}{@code /} runs the
 * {@code OR 1=1} on MySQL/MariaDB; a comment must never hide or fake a predicate).
 *
 * <p>MySQL/MariaDB executable comments ({@code /*!…*}{@code /}, {@code /*M!…*}{@code /}) are unwrapped
 * in the {@link Piece#text() text} handed to the parser, so their content is analyzed as code.
 */
final class SqlLexer {

    enum Kind { WORD, QUOTED, STRING, PARAM, SYMBOL }

    /** A token of a statement; comments and whitespace are not tokens. */
    record Token(Kind kind, String text) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }
    }

    /**
     * One statement of the text.
     *
     * @param text           its text, executable comments unwrapped, without the separating {@code ;}
     * @param firstParameter the JDBC index its first {@code ?} has
     * @param parameterCount how many {@code ?} it has
     * @param tokens         its tokens
     * @param ambiguity      why dialects may read it differently, or {@code null}
     * @param unicodeEscapes whether it has PostgreSQL Unicode escapes ({@code U&"…"}), which can spell
     *                       any table name without naming it
     */
    record Piece(String text, int firstParameter, int parameterCount, List<Token> tokens,
                 String ambiguity, boolean unicodeEscapes) {
        String firstWord() {
            return tokens.isEmpty() || tokens.get(0).kind() != Kind.WORD ? "" : tokens.get(0).text();
        }
    }

    private final String sql;
    private final StringBuilder effective;
    private final List<Piece> pieces = new ArrayList<>();
    private int pos;
    private boolean inExecutableComment;
    // state of the statement being read
    private int pieceStart;
    private int pieceParameters;
    private int parametersBefore;
    private List<Token> tokens = new ArrayList<>();
    private String ambiguity;
    private boolean unicodeEscapes;

    private SqlLexer(String sql) {
        this.sql = sql;
        this.effective = new StringBuilder(sql);
    }

    /** Splits {@code sql} into its statements; statements that are only comments are left out. */
    static List<Piece> split(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.pieces;
    }

    /**
     * The first keyword of a text, skipping whitespace, comments and opening parentheses; cheap, for
     * texts that need no analysis.
     */
    static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i);
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            char next = pos + 1 < sql.length() ? sql.charAt(pos + 1) : '\0';
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && next == '-') {
                lineComment();
            } else if (c == '/' && next == '*') {
                blockComment();
            } else if (c == '*' && next == '/' && inExecutableComment) {
                blank(pos, pos + 2);
                inExecutableComment = false;
                pos += 2;
            } else if (c == '\'') {
                stringLiteral();
            } else if (c == '"' || c == '`') {
                quoted(c);
            } else if (c == '$' && dollarQuote()) {
                // consumed
            } else if (c == '?') {
                add(Kind.PARAM, pos, pos + 1);
                pieceParameters++;
                pos++;
            } else if (c == ';') {
                endPiece(pos);
                pos++;
                pieceStart = pos;
            } else if (c == '#') {
                noteAmbiguity("'#', which starts a comment in MySQL/MariaDB only");
                add(Kind.SYMBOL, pos, pos + 1);
                pos++;
            } else if (isWordChar(c)) {
                word();
            } else {
                add(Kind.SYMBOL, pos, pos + 1);
                pos++;
            }
        }
        endPiece(sql.length());
    }

    private void lineComment() {
        char after = pos + 2 < sql.length() ? sql.charAt(pos + 2) : ' ';
        if (!Character.isWhitespace(after) && !Character.isISOControl(after)) {
            noteAmbiguity("'--' without a following space, a comment in PostgreSQL/H2 but not in MySQL/MariaDB");
        }
        int end = sql.indexOf('\n', pos);
        pos = end < 0 ? sql.length() : end + 1;
    }

    private void blockComment() {
        int start = pos;
        int contentStart = pos + 2;
        if (startsWith(contentStart, "!") || startsWith(contentStart, "M!") || startsWith(contentStart, "m!")) {
            // MySQL/MariaDB run the content (after an optional version number): analyze it as code
            int content = contentStart + (sql.charAt(contentStart) == '!' ? 1 : 2);
            while (content < sql.length() && Character.isDigit(sql.charAt(content))) {
                content++;
            }
            blank(start, content);
            inExecutableComment = true;
            pos = content;
            return;
        }
        int end = sql.indexOf("*/", contentStart);
        int nested = sql.indexOf("/*", contentStart);
        if (nested >= 0 && (end < 0 || nested < end)) {
            noteAmbiguity("a nested block comment, which PostgreSQL and MySQL/MariaDB end at different places");
        }
        pos = end < 0 ? sql.length() : end + 2;
    }

    private void stringLiteral() {
        int start = pos;
        int i = pos + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'' && mysqlReadingEnds(start)) {
                noteAmbiguity("a backslash before a quote in a string literal, which MySQL/MariaDB and PostgreSQL/H2 "
                        + "end at different places");
            }
            if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        pos = Math.min(i + 1, sql.length());
        if (isUnicodePrefix(start)) {
            unicodeEscapes = true;
        }
        add(Kind.STRING, start, pos);
    }

    /**
     * Whether MySQL/MariaDB, which read {@code \\'} as an escaped quote, find an end to the string that
     * starts at {@code quoteAt} and to every string after it. When they do not, the text is not a
     * statement MySQL would run (it ends inside a string): the PostgreSQL/H2 reading is the only one, and
     * the backslash is no ambiguity — as in Hibernate's {@code like ? escape '\\'}.
     */
    private boolean mysqlReadingEnds(int quoteAt) {
        int i = quoteAt;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < sql.length() && sql.charAt(end) != c) {
                    end += c != '`' && sql.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= sql.length()) {
                    return false;
                }
                i = end + 1;
            } else if (c == '#' || (c == '-' && startsWith(i, "--") && i + 2 < sql.length()
                    && (Character.isWhitespace(sql.charAt(i + 2)) || Character.isISOControl(sql.charAt(i + 2))))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '/' && startsWith(i, "/*")) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                i++;
            }
        }
        return true;
    }

    private void quoted(char quote) {
        int start = pos;
        int i = pos + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        pos = Math.min(i + 1, sql.length());
        if (quote == '"' && isUnicodePrefix(start)) {
            unicodeEscapes = true;
        }
        add(Kind.QUOTED, start, pos);
    }

    /** PostgreSQL {@code $tag$ … $tag$} strings; {@code $} inside a word is an identifier character. */
    private boolean dollarQuote() {
        if (pos > 0 && isWordChar(sql.charAt(pos - 1))) {
            return false;
        }
        int i = pos + 1;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_'
                || (i > pos + 1 && Character.isDigit(sql.charAt(i))))) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return false;
        }
        String tag = sql.substring(pos, i + 1);
        int end = sql.indexOf(tag, i + 1);
        int start = pos;
        pos = end < 0 ? sql.length() : end + tag.length();
        add(Kind.STRING, start, pos);
        return true;
    }

    private void word() {
        int start = pos;
        while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
            pos++;
        }
        add(Kind.WORD, start, pos);
    }

    private boolean isUnicodePrefix(int quoteAt) {
        return quoteAt >= 2 && sql.charAt(quoteAt - 1) == '&'
                && Character.toUpperCase(sql.charAt(quoteAt - 2)) == 'U'
                && (quoteAt < 3 || !isWordChar(sql.charAt(quoteAt - 3)));
    }

    private void add(Kind kind, int start, int end) {
        tokens.add(new Token(kind, sql.substring(start, end)));
    }

    private void endPiece(int end) {
        if (!tokens.isEmpty()) {
            pieces.add(new Piece(effective.substring(pieceStart, end), parametersBefore + 1, pieceParameters,
                    List.copyOf(tokens), ambiguity, unicodeEscapes));
        }
        parametersBefore += pieceParameters;
        pieceParameters = 0;
        tokens = new ArrayList<>();
        ambiguity = null;
        unicodeEscapes = false;
    }

    private void noteAmbiguity(String reason) {
        if (ambiguity == null) {
            ambiguity = reason;
        }
    }

    /** Replaces text by spaces of the same length, so that positions stay those of the original. */
    private void blank(int start, int end) {
        for (int i = start; i < end; i++) {
            effective.setCharAt(i, ' ');
        }
    }

    private boolean startsWith(int at, String prefix) {
        return sql.startsWith(prefix, at);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
