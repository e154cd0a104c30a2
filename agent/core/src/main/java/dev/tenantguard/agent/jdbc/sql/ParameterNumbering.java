package dev.tenantguard.agent.jdbc.sql;

import java.util.BitSet;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.statement.Statement;

/**
 * Maps the parser's {@code ?} nodes of one statement to JDBC parameter indexes.
 *
 * <p>JSqlParser numbers a statement's {@code ?} 1, 2, … in the order it consumes them, which is their
 * textual order. JDBC numbers them across the whole text, so the statement's offset (the {@code ?}
 * of earlier statements, counted by {@link SqlLexer}) is added. The two counts are cross-checked:
 * where parser and lexer disagree (a dialect's string or comment syntax read differently, numbered
 * {@code ?1} parameters), an index would point at the wrong bind, so the numbering is refused.
 */
final class ParameterNumbering {

    private final int offset;
    private final String problem;

    private ParameterNumbering(int offset, String problem) {
        this.offset = offset;
        this.problem = problem;
    }

    static ParameterNumbering of(SqlLexer.Piece piece, Statement statement) {
        BitSet seen = new BitSet();
        int count = 0;
        String problem = null;
        for (JdbcParameter parameter : AstWalker.collect(statement, JdbcParameter.class)) {
            count++;
            Integer index = parameter.getIndex();
            if (parameter.isUseFixedIndex()) {
                problem = "the numbered parameter '?" + index + "' is not a JDBC parameter";
            } else if (index == null || index < 1 || index > piece.parameterCount() || seen.get(index)) {
                problem = "the parser and JDBC number the '?' parameters differently";
            } else {
                seen.set(index);
            }
        }
        if (problem == null && count != piece.parameterCount()) {
            problem = "the parser sees " + count + " '?' parameters where JDBC counts " + piece.parameterCount();
        }
        return new ParameterNumbering(piece.firstParameter() - 1, problem);
    }

    /** Why the indexes cannot be trusted, or {@code null} when they can. */
    String problem() {
        return problem;
    }

    /** The JDBC index of a {@code ?} of this statement. */
    int indexOf(JdbcParameter parameter) {
        return offset + parameter.getIndex();
    }
}
