package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlLexerTest {

    @Test
    void splitsStatementsAndNumbersParametersAcrossThem() {
        List<SqlLexer.Piece> pieces = SqlLexer.split("SELECT ?, ';?' FROM t; /* ; */ UPDATE t SET a = ? -- ;\n; ;");
        assertEquals(2, pieces.size());
        assertEquals(1, pieces.get(0).firstParameter());
        assertEquals(1, pieces.get(0).parameterCount());
        assertEquals(2, pieces.get(1).firstParameter());
        assertEquals(1, pieces.get(1).parameterCount());
        assertEquals("UPDATE", pieces.get(1).firstWord());
    }

    @Test
    void unwrapsExecutableCommentsKeepingPositions() {
        String sql = "SELECT 1 /*!50000 OR ? */ x";
        SqlLexer.Piece piece = SqlLexer.split(sql).get(0);
        assertEquals(sql.length(), piece.text().length());
        assertFalse(piece.text().contains("/*"));
        assertTrue(piece.text().contains("OR ?"));
        assertEquals(1, piece.parameterCount());
    }

    @Test
    void dollarQuotedStringsAndQuotedIdentifiersHideParameters() {
        SqlLexer.Piece piece = SqlLexer.split("SELECT $tag$ ? ; $tag$, \"?\", `?`, a$b, ? FROM t").get(0);
        assertEquals(1, piece.parameterCount());
        assertNull(piece.ambiguity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1--1", "SELECT 'a\\'' FROM t", "SELECT 1 /* /* */ */", "SELECT 1 # x"})
    void noticesDialectAmbiguities(String sql) {
        assertNotNull(SqlLexer.split(sql).get(0).ambiguity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1 -- comment", "SELECT 'a\\b' FROM t", "SELECT 1 /* a */ /* b */", "SELECT 1 --\n"})
    void ordinaryCommentsAndLiteralsAreNotAmbiguous(String sql) {
        assertNull(SqlLexer.split(sql).get(0).ambiguity());
    }

    @Test
    void firstWordSkipsCommentsAndParentheses() {
        assertEquals("SELECT", SqlLexer.firstWord(" /* x */ -- y\n (SELECT 1)"));
        assertEquals("", SqlLexer.firstWord("  "));
    }
}
