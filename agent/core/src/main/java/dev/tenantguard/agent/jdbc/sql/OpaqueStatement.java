package dev.tenantguard.agent.jdbc.sql;

import dev.tenantguard.agent.jdbc.sql.SqlLexer.Kind;
import dev.tenantguard.agent.jdbc.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Statements whose effect on tenant rows is decided by text the analyzer does not have: calls of
 * routines defined in the database ({@code CALL p(…)}, {@code {call p(…)}}, {@code {? = call f(…)}},
 * {@code EXEC p}), dynamic SQL ({@code EXECUTE IMMEDIATE}, {@code PREPARE … FROM / AS},
 * {@code EXECUTE name}), anonymous code blocks ({@code DO $$ … $$}, MariaDB's
 * {@code BEGIN NOT ATOMIC … END}), {@code COPY}, and the session statements that change what
 * row-level security or the schema decide on ({@code SET ROLE}, {@code SET SESSION AUTHORIZATION},
 * {@code SET row_security}, {@code RESET}, {@code DISCARD}). Read from the tokens, before the
 * parser: each is recorded as not verifiable, except a call of a routine the policy trusts
 * ({@code jdbc.trustedRoutines}, whose tenant arguments are checked) and a {@code COPY} of a table
 * that is not a tenant table.
 */
final class OpaqueStatement {
    private static final Set<String> DYNAMIC = Set.of("execute", "exec", "prepare", "do", "call", "copy", "reset",
            "discard", "begin");

    /** A string literal without escapes, the only spelling of a tenant argument read as text. */
    private static final Pattern PLAIN_STRING = Pattern.compile("'[^'\\\\]*'");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** The schema a reset returns a connection to, as the connection's state names it. */
    private static final String DEFAULT_SEARCH_PATH = "(the default search_path)";

    private final List<Token> tokens;
    private final String text;
    private final int firstParameter;
    private final TenantNames names;
    private final TrustedRoutines trusted;
    private final Findings findings;

    private OpaqueStatement(SqlLexer.Piece piece, TenantNames names, TrustedRoutines trusted, Findings findings) {
        this.tokens = piece.tokens();
        this.text = piece.text();
        this.firstParameter = piece.firstParameter();
        this.names = names;
        this.trusted = trusted;
        this.findings = findings;
    }

    /** Whether {@code text} may hold such a statement: a cheap test on raw text, comments included. */
    static boolean mayHold(String lowerCaseText) {
        if (lowerCaseText.indexOf('{') >= 0) {
            return true;
        }
        for (String word : DYNAMIC) {
            int at = lowerCaseText.indexOf(word);
            while (at >= 0) {
                int end = at + word.length();
                boolean before = at == 0 || !Character.isLetterOrDigit(lowerCaseText.charAt(at - 1));
                boolean after = end == lowerCaseText.length() || !Character.isLetterOrDigit(lowerCaseText.charAt(end));
                if (before && after) {
                    return true;
                }
                at = lowerCaseText.indexOf(word, end);
            }
        }
        return false;
    }

    /**
     * Records what an opaque statement means; returns the operation it was read as, or {@code null}
     * when the piece is not one of them (then the parser has it).
     */
    static SqlOperation read(SqlLexer.Piece piece, TenantNames names, TrustedRoutines trusted, Findings findings) {
        return new OpaqueStatement(piece, names, trusted, findings).read();
    }

    private SqlOperation read() {
        if (tokens.isEmpty()) {
            return null;
        }
        Token first = tokens.get(0);
        if (first.isSymbol('{')) {
            // {call p(…)} or {? = call p(…)}: the JDBC escape of a routine call
            int at = 1;
            if (at + 1 < tokens.size() && tokens.get(at).kind() == Kind.PARAM && tokens.get(at + 1).isSymbol('=')) {
                at += 2;
            }
            if (at < tokens.size() && tokens.get(at).isWord("call")) {
                return routine(at + 1, "{call");
            }
            return unverifiable("escape", "'" + Expressions.quote(text) + "' is a JDBC escape the agent does not read",
                    SqlOperation.OTHER);
        }
        if (first.isWord("CALL")) {
            return routine(1, "CALL");
        }
        if (first.isWord("EXEC") || first.isWord("EXECUTE")) {
            if (tokens.size() > 1 && tokens.get(1).isWord("IMMEDIATE")) {
                return unverifiable("dynamic SQL", "EXECUTE IMMEDIATE runs SQL built at run time, which the agent does not see",
                        SqlOperation.CALL);
            }
            if (first.isWord("EXEC")) {
                return routine(1, "EXEC");
            }
            return unverifiable("dynamic SQL", "EXECUTE runs a statement prepared in the database (PREPARE), which the agent does"
                    + " not see with its values", SqlOperation.CALL);
        }
        if (first.isWord("PREPARE")) {
            return unverifiable("dynamic SQL", "PREPARE makes a statement in the database whose EXECUTE the agent cannot verify",
                    SqlOperation.CALL);
        }
        if (first.isWord("DO")) {
            return unverifiable("code block", "DO runs an anonymous code block, whose statements the agent does not read",
                    SqlOperation.CALL);
        }
        if (first.isWord("BEGIN") && tokens.size() > 2 && tokens.get(1).isWord("NOT") && tokens.get(2).isWord("ATOMIC")) {
            return unverifiable("code block", "BEGIN NOT ATOMIC runs a compound statement, whose statements the agent does not read",
                    SqlOperation.CALL);
        }
        if (first.isWord("COPY")) {
            return copy();
        }
        if (first.isWord("RESET") || first.isWord("DISCARD")) {
            if (names.rlsSetting() != null) {
                return unverifiable("session", "'" + Expressions.quote(text) + "' resets session state (the"
                        + " row-level security setting, the search_path) to a value the agent does not know", SqlOperation.SET);
            }
            if (names.hasSchemaPatterns() && resetsSearchPath()) {
                // back to the schema the connection started in, which the agent attributes to no tenant
                findings.schemaTenant(new SchemaTenant(null, DEFAULT_SEARCH_PATH, null, true));
            }
            return SqlOperation.SET;
        }
        if (first.isWord("SET") && names.rlsSetting() != null && changesRowSecurity()) {
            return unverifiable("session", "'" + Expressions.quote(text) + "' changes whose rows row-level security lets"
                    + " the session see", SqlOperation.SET);
        }
        return null;
    }

    /** RESET search_path, RESET ALL, DISCARD ALL. */
    private boolean resetsSearchPath() {
        if (tokens.size() != 2) {
            return false;
        }
        Token what = tokens.get(1);
        return what.isWord("ALL") || tokens.get(0).isWord("RESET") && "search_path".equals(TenantNames.normalize(what.text()));
    }

    /** SET [SESSION|LOCAL] ROLE …, SET SESSION AUTHORIZATION …, SET row_security …. */
    private boolean changesRowSecurity() {
        int at = 1;
        if (at < tokens.size() && (tokens.get(at).isWord("SESSION") || tokens.get(at).isWord("LOCAL"))) {
            if (tokens.get(at).isWord("SESSION") && at + 1 < tokens.size() && tokens.get(at + 1).isWord("AUTHORIZATION")) {
                return true;
            }
            at++;
        }
        return at < tokens.size() && (tokens.get(at).isWord("ROLE") || tokens.get(at).isWord("row_security"));
    }

    /** A call of the routine named from token {@code at} on: allowed when trusted and its tenant arguments are the tenant's. */
    private SqlOperation routine(int at, String how) {
        String name = qualifiedName(at);
        if (name == null) {
            return unverifiable("routine", "'" + Expressions.quote(text) + "' calls a routine whose name the agent does not"
                    + " read", SqlOperation.CALL);
        }
        TrustedRoutines.Declaration declaration = trusted.find(name);
        if (declaration == null) {
            return unverifiable("routine " + name, how + " " + name + ("{call".equals(how) ? "}" : "") + " runs a routine defined"
                    + " in the database, whose statements the agent does not see (list it in jdbc.trustedRoutines once audited)",
                    SqlOperation.CALL);
        }
        if (declaration.takesTenant()) {
            tenantArguments(name, declaration, at + 2 * name.split("\\.").length - 1);
        }
        return SqlOperation.CALL; // audited by the policy: jdbc.trustedRoutines
    }

    /**
     * Records the tenant arguments of a call of a trusted routine whose name ends before token {@code at}:
     * each must be one {@code ?} or one literal; a call with another number of arguments (an overload, a
     * default) or with named arguments ({@code p => v}) is not verifiable.
     */
    private void tenantArguments(String name, TrustedRoutines.Declaration declaration, int at) {
        List<List<Integer>> arguments = arguments(at);
        String routine = "routine " + name;
        if (arguments == null || arguments.size() != declaration.arity()) {
            findings.unverifiable(routine, "'" + Expressions.quote(text) + "' does not call " + name + " with the "
                    + declaration.arity() + " arguments by position that jdbc.trustedRoutines declares, so its tenant"
                    + " argument is not known");
            return;
        }
        for (int position = 0; position < arguments.size(); position++) {
            List<Integer> argument = arguments.get(position);
            if (!declaration.isTenantArgument(position)) {
                continue;
            }
            String clause = "argument " + (position + 1) + " of " + name;
            Token token = argument.size() == 1 ? tokens.get(argument.get(0)) : null;
            if (token != null && token.kind() == Kind.PARAM) {
                findings.tenantArgument(parameterIndex(argument.get(0)), routine, clause);
            } else if (token != null && token.kind() == Kind.STRING && PLAIN_STRING.matcher(token.text()).matches()) {
                findings.tenantArgument(token.text().substring(1, token.text().length() - 1), routine, clause);
            } else if (token != null && token.kind() == Kind.WORD && DIGITS.matcher(token.text()).matches()) {
                findings.tenantArgument(token.text(), routine, clause);
            } else {
                findings.unverifiable(routine, "the tenant argument (" + clause + ") is not a '?' or a plain literal");
            }
        }
    }

    /** The JDBC index of the {@code ?} at token {@code at}: the statement's first index plus the {@code ?} before it. */
    private int parameterIndex(int at) {
        int index = firstParameter;
        for (int i = 0; i < at; i++) {
            index += tokens.get(i).kind() == Kind.PARAM ? 1 : 0;
        }
        return index;
    }

    /**
     * The token positions of each argument of the list that opens at token {@code at}; {@code null} when
     * there is no list, it is not closed, or an argument is given by name ({@code =>}, {@code :=}).
     */
    private List<List<Integer>> arguments(int at) {
        List<List<Integer>> arguments = new ArrayList<>();
        if (at >= tokens.size() || !tokens.get(at).isSymbol('(')) {
            return null;
        }
        int depth = 0;
        List<Integer> current = new ArrayList<>();
        for (int i = at + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol('=') && i > 0 && (tokens.get(i - 1).isSymbol(':') || i + 1 < tokens.size()
                    && tokens.get(i + 1).isSymbol('>'))) {
                return null;
            }
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')') && depth-- == 0) {
                if (!current.isEmpty() || !arguments.isEmpty()) {
                    arguments.add(current);
                }
                return arguments;
            } else if (token.isSymbol(',') && depth == 0) {
                arguments.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(i);
        }
        return null;
    }

    /** {@code name} or {@code schema.name} from token {@code at}, normalized; {@code null} if not a name. */
    private String qualifiedName(int at) {
        StringBuilder name = new StringBuilder();
        while (at < tokens.size() && (tokens.get(at).kind() == Kind.WORD || tokens.get(at).kind() == Kind.QUOTED)) {
            name.append(TenantNames.normalize(tokens.get(at).text()));
            at++;
            if (at < tokens.size() && tokens.get(at).isSymbol('.')) {
                name.append('.');
                at++;
            } else {
                break;
            }
        }
        return name.length() == 0 || name.charAt(name.length() - 1) == '.' ? null : name.toString();
    }

    /** COPY of a table that is not a tenant table moves no tenant rows; COPY of a tenant table or of a query does. */
    private SqlOperation copy() {
        if (tokens.size() > 1 && (tokens.get(1).kind() == Kind.WORD || tokens.get(1).kind() == Kind.QUOTED)) {
            String table = qualifiedName(1);
            if (table != null && !names.isTenantTableName(table.substring(table.lastIndexOf('.') + 1))
                    && names.tenantOfSchema(table.contains(".") ? table.substring(0, table.lastIndexOf('.')) : null).isEmpty()) {
                return SqlOperation.COPY;
            }
            String resource = table == null ? "(unknown)" : table.substring(table.lastIndexOf('.') + 1);
            findings.tenantTable(resource);
            findings.unverifiable(resource, "COPY moves the rows of " + resource + " without a WHERE the agent can check");
            return SqlOperation.COPY;
        }
        return unverifiable("COPY", "COPY of a query moves rows the agent does not verify", SqlOperation.COPY);
    }

    private SqlOperation unverifiable(String resource, String detail, SqlOperation operation) {
        findings.unverifiable(resource, detail);
        return operation;
    }
}
