package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.ShapeAnalysis;
import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.agent.jdbc.sql.SqlShape;
import dev.tenantguard.agent.jdbc.sql.SqlTenantAnalyzer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analyses by SQL text, then by shape. Applications reuse the same SQL strings, so a lookup usually
 * hits with an identity-equal key and allocates nothing. A text seen for the first time is reduced
 * to its {@link SqlShape shape} (literals taken out, one pass): texts that differ only in inlined
 * values share the shape's analysis, with their own values put back, so a service that inlines ids
 * pays no parse per query. Both maps are bounded: once full, what is new is worked out each time
 * rather than grow the heap without limit.
 */
final class AnalysisCache {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_SHAPES = 10_000;

    private final ConcurrentHashMap<String, CheckedSql> analyses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ShapeAnalysis> shapes = new ConcurrentHashMap<>();
    private final SqlTenantAnalyzer analyzer;

    AnalysisCache(SqlTenantAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    CheckedSql get(String sql) {
        CheckedSql cached = analyses.get(sql);
        if (cached != null) {
            return cached;
        }
        CheckedSql checked = analyze(sql);
        if (analyses.size() < MAX_ENTRIES) {
            analyses.putIfAbsent(sql, checked);
        }
        return checked;
    }

    private CheckedSql analyze(String sql) {
        SqlShape shape = SqlShape.of(sql);
        if (shape == null) {
            return new CheckedSql(sql, analyzer.analyze(sql));
        }
        ShapeAnalysis known = shapes.get(shape.text());
        if (known == null) {
            known = analyzer.analyzeShape(shape);
            if (shapes.size() < MAX_SHAPES) {
                shapes.putIfAbsent(shape.text(), known);
            }
        }
        SqlAnalysis analysis = known.of(shape);
        // keyed by the shape even when the text is analysed as it is: a violation's kind and rule still tell it apart
        return new CheckedSql(sql, analysis != null ? analysis : analyzer.analyze(sql), shape.text());
    }
}
