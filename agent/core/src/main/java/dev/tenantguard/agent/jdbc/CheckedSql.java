package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;

/**
 * An SQL text with its analysis: what a prepared statement carries from prepare to execute.
 *
 * @param statementKey what tells the repeats of a violation apart in {@code report} mode: the text's
 *                     shape (its literals taken out) when it has one, else the text itself, so that a
 *                     crossing with inlined ids repeated at one call site is one violation, counted
 */
record CheckedSql(String sql, SqlAnalysis analysis, String statementKey) {
    CheckedSql(String sql, SqlAnalysis analysis) {
        this(sql, analysis, sql);
    }
}
