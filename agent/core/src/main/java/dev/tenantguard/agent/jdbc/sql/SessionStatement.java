package dev.tenantguard.agent.jdbc.sql;

import dev.tenantguard.agent.jdbc.sql.SqlLexer.Kind;
import dev.tenantguard.agent.jdbc.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the session statements that matter for tenants from their tokens: {@code USE schema},
 * {@code SET SCHEMA x}, {@code SET [SESSION|LOCAL] search_path {TO|=} a, b} and
 * {@code SET app.tenant {TO|=} value}. JSqlParser rejects several of these PostgreSQL forms
 * ({@code SET search_path TO x}, {@code SET app.tenant TO ?}), and they are simple enough to read
 * exactly: a name, then single-token values.
 */
final class SessionStatement {

    private static final String SEARCH_PATH = "search_path";

    private final SqlLexer.Piece piece;
    private final List<Token> tokens;
    private final TenantNames names;
    private final Findings findings;

    private SessionStatement(SqlLexer.Piece piece, TenantNames names, Findings findings) {
        this.piece = piece;
        this.tokens = piece.tokens();
        this.names = names;
        this.findings = findings;
    }

    /**
     * Records what a SET or USE statement means for tenants. Returns false when the statement is not
     * of a simple form read here (then the parser should have it).
     */
    static boolean read(SqlLexer.Piece piece, TenantNames names, Findings findings) {
        return new SessionStatement(piece, names, findings).read();
    }

    private boolean read() {
        if (tokens.isEmpty()) {
            return false;
        }
        if (tokens.get(0).isWord("USE")) {
            if (tokens.size() != 2 || !isName(tokens.get(1))) {
                return false;
            }
            schemaSwitch(tokens.get(1));
            return true;
        }
        if (!tokens.get(0).isWord("SET")) {
            return false;
        }
        int at = 1;
        if (at < tokens.size() && (tokens.get(at).isWord("SESSION") || tokens.get(at).isWord("LOCAL"))) {
            at++;
        }
        if (at < tokens.size() && tokens.get(at).isWord("SCHEMA")) {
            List<Token> values = values(at + 1);
            if (values == null || values.size() != 1) {
                return false;
            }
            schemaSwitch(values.get(0));
            return true;
        }
        // a dotted name: app.tenant, search_path, "app"."tenant"
        StringBuilder name = new StringBuilder();
        while (at < tokens.size() && isName(tokens.get(at))) {
            name.append(TenantNames.normalize(tokens.get(at).text()));
            at++;
            if (at < tokens.size() && tokens.get(at).isSymbol('.')) {
                name.append('.');
                at++;
            } else {
                break;
            }
        }
        // H2: SET SCHEMA_SEARCH_PATH a, b (no TO, no =)
        boolean h2SearchPath = "schema_search_path".contentEquals(name);
        if (name.length() == 0 || at >= tokens.size()
                || !(h2SearchPath || tokens.get(at).isWord("TO") || tokens.get(at).isSymbol('='))) {
            return false;
        }
        List<Token> values = values(h2SearchPath && !(tokens.get(at).isWord("TO") || tokens.get(at).isSymbol('='))
                ? at : at + 1);
        if (values == null) {
            return false;
        }
        String setting = name.toString();
        if (SEARCH_PATH.equals(setting) || h2SearchPath) {
            values.forEach(this::schemaSwitch);
        } else if (names.isRlsSetting(setting)) {
            if (values.size() != 1) {
                findings.unverifiable(names.rlsSetting(), "SET " + setting + " to a list of values");
            } else {
                rlsValue(values.get(0));
            }
        }
        return true;
    }

    /** Comma-separated single-token values up to the end, or null when anything else follows. */
    private List<Token> values(int from) {
        List<Token> values = new ArrayList<>();
        int at = from;
        while (at < tokens.size()) {
            Token token = tokens.get(at);
            if (!(isName(token) || token.kind() == Kind.STRING || token.kind() == Kind.PARAM)) {
                return null;
            }
            values.add(token);
            at++;
            if (at < tokens.size()) {
                if (!tokens.get(at).isSymbol(',')) {
                    return null;
                }
                at++;
            }
        }
        return values.isEmpty() ? null : values;
    }

    private void rlsValue(Token value) {
        if (value.kind() == Kind.PARAM) {
            findings.rlsParameter(names.rlsSetting(), jdbcIndexOf(value));
        } else {
            findings.rlsLiteral(names.rlsSetting(), unquote(value));
        }
    }

    private void schemaSwitch(Token value) {
        if (!names.hasSchemaPatterns()) {
            return;
        }
        if (value.kind() == Kind.PARAM) {
            findings.unverifiable("search_path", "the schema is switched to a bound value, which the agent does not"
                    + " read: whose schema the connection is in is not known");
            return;
        }
        String schema = unquote(value);
        // a schema of no tenant too: the switch ends the connection's being a tenant's
        findings.schemaTenant(new SchemaTenant(names.tenantOfSchema(schema).orElse(null),
                TenantNames.normalize(schema), null, true));
    }

    private int jdbcIndexOf(Token parameter) {
        int ordinal = 0;
        for (Token token : tokens) {
            if (token.kind() == Kind.PARAM) {
                if (token == parameter) {
                    return piece.firstParameter() + ordinal;
                }
                ordinal++;
            }
        }
        throw new IllegalArgumentException("not a parameter of this statement: " + parameter);
    }

    private static boolean isName(Token token) {
        return token.kind() == Kind.WORD || token.kind() == Kind.QUOTED;
    }

    /** The value of a token: a string literal's content, or a name (quotes removed, case kept). */
    private static String unquote(Token token) {
        String text = token.text();
        if (token.kind() == Kind.STRING && text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        if (token.kind() == Kind.QUOTED && text.length() >= 2) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
