package dev.tenantguard.agent.jdbc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Analyses by SQL text. Applications reuse the same SQL strings, so a lookup usually hits with
 * an identity-equal key and allocates nothing. Bounded: once full, new texts are analysed each
 * time rather than grow the heap without limit (SQL built with literals is rarely repeated).
 */
final class AnalysisCache<A> {
    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, A> analyses = new ConcurrentHashMap<>();
    private final Function<String, A> analyzer;

    AnalysisCache(Function<String, A> analyzer) {
        this.analyzer = analyzer;
    }

    A get(String sql) {
        A cached = analyses.get(sql);
        if (cached != null) {
            return cached;
        }
        A analysis = analyzer.apply(sql);
        if (analyses.size() < MAX_ENTRIES) {
            analyses.putIfAbsent(sql, analysis);
        }
        return analysis;
    }
}
