package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;

/** An SQL text with its analysis: what a prepared statement carries from prepare to execute. */
record CheckedSql(String sql, SqlAnalysis analysis) {
}
