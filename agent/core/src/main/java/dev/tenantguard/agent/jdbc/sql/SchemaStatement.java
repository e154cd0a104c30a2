package dev.tenantguard.agent.jdbc.sql;

import dev.tenantguard.agent.jdbc.sql.SchemaChange.Effect;
import dev.tenantguard.agent.jdbc.sql.SqlLexer.Kind;
import dev.tenantguard.agent.jdbc.sql.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises schema statements on tenant tables from their tokens, before (and without) the parser,
 * so that vendor DDL JSqlParser cannot read (PostgreSQL {@code PARTITION BY}/{@code PARTITION OF},
 * {@code DO} blocks) is recognised as well as plain {@code CREATE TABLE}.
 *
 * <p>A statement is a schema statement only when it contains no query: a {@code SELECT},
 * {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code VALUES}, {@code COPY},
 * {@code EXECUTE} or {@code CALL} word anywhere outside strings and comments (except the
 * {@code ON DELETE}/{@code ON UPDATE} of a foreign key, a partition's {@code FOR VALUES} and the
 * privileges of a {@code GRANT}/{@code REVOKE}) sends it to
 * the parser, so {@code CREATE TABLE … AS SELECT} and {@code CREATE VIEW … AS SELECT} are analyzed
 * as the queries they contain.
 */
final class SchemaStatement {

    private static final Set<String> QUERY_WORDS =
            Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "COPY", "EXECUTE", "CALL");
    private static final Set<String> CODE_OBJECTS = Set.of("FUNCTION", "PROCEDURE", "TRIGGER", "RULE");

    private SchemaStatement() {
    }

    /** The schema change {@code piece} makes to a tenant table, or null when it is none (or has a query). */
    static SchemaChange read(SqlLexer.Piece piece, TenantNames names) {
        String first = piece.firstWord().toUpperCase(Locale.ROOT);
        if (!Set.of("CREATE", "ALTER", "COMMENT", "GRANT", "REVOKE", "DROP", "TRUNCATE", "DO").contains(first)) {
            return null;
        }
        String table = names.mentionedTenantTable(piece.text());
        if (table == null) {
            return null; // not about a tenant table: nothing to judge
        }
        List<Token> tokens = piece.tokens();
        boolean code = first.equals("DO") || (first.equals("CREATE") && definesCode(tokens));
        if (code) {
            String what = first.equals("DO") ? "a DO block" : "CREATE of a function, procedure, trigger or rule";
            return new SchemaChange(first.equals("DO") ? SqlOperation.DO : SqlOperation.CREATE, table, Effect.PROCEDURAL,
                    what + " that names " + table + " runs code the analyzer cannot read");
        }
        boolean privileges = first.equals("GRANT") || first.equals("REVOKE"); // GRANT SELECT, INSERT ON t: no query
        if (!privileges && hasQuery(tokens)) {
            return null;
        }
        switch (first) {
            case "DROP":
                return new SchemaChange(SqlOperation.DROP, table, Effect.DESTRUCTIVE,
                        "DROP of " + table + " removes every tenant's rows");
            case "TRUNCATE":
                return new SchemaChange(SqlOperation.TRUNCATE, table, Effect.DESTRUCTIVE,
                        "TRUNCATE of " + table + " removes every tenant's rows");
            case "ALTER":
                if (dropsOrRenamesTenantColumn(tokens, names)) {
                    return new SchemaChange(SqlOperation.ALTER, table, Effect.DESTRUCTIVE, "ALTER of " + table
                            + " drops or renames its tenant column " + names.column() + ", unscoping every tenant's rows");
                }
                return new SchemaChange(SqlOperation.ALTER, table, Effect.BUILD, "ALTER naming " + table + " (schema change)");
            case "GRANT":
            case "REVOKE":
                return new SchemaChange(SqlOperation.GRANT, table, Effect.BUILD, first + " on " + table + " (permissions)");
            default: // CREATE, COMMENT
                return new SchemaChange(first.equals("COMMENT") ? SqlOperation.ALTER : SqlOperation.CREATE, table,
                        Effect.BUILD, first + " naming " + table + " (schema change)");
        }
    }

    /** {@code CREATE [OR REPLACE] [CONSTRAINT] FUNCTION|PROCEDURE|TRIGGER|RULE …}. */
    private static boolean definesCode(List<Token> tokens) {
        for (int i = 1; i < Math.min(tokens.size(), 5); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.WORD && CODE_OBJECTS.contains(token.text().toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasQuery(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.WORD || !QUERY_WORDS.contains(token.text().toUpperCase(Locale.ROOT))) {
                continue;
            }
            Token before = i > 0 ? tokens.get(i - 1) : null;
            boolean foreignKeyAction = (token.isWord("DELETE") || token.isWord("UPDATE")) && before != null
                    && before.isWord("ON");
            boolean partitionBound = token.isWord("VALUES") && before != null && before.isWord("FOR");
            if (!foreignKeyAction && !partitionBound) {
                return true;
            }
        }
        return false;
    }

    /** {@code ALTER TABLE t DROP [COLUMN] [IF EXISTS] tenant_id} or {@code RENAME [COLUMN] tenant_id TO …}. */
    private static boolean dropsOrRenamesTenantColumn(List<Token> tokens, TenantNames names) {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isWord("DROP") && !tokens.get(i).isWord("RENAME")) {
                continue;
            }
            for (int j = i + 1; j < Math.min(tokens.size(), i + 5); j++) {
                Token next = tokens.get(j);
                if ((next.kind() == Kind.WORD || next.kind() == Kind.QUOTED) && names.isTenantColumn(next.text())) {
                    return true;
                }
            }
        }
        return false;
    }
}
