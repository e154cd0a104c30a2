package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.agent.jdbc.sql.SqlTenantAnalyzer;

/**
 * The agent's own statement cache, opened to SqlAnalysisBenchmark: it lives in the cache's package
 * because the cache is package-private, and it is relocated with the agent classes shaded into
 * benchmarks.jar, so the benchmark measures the cache's code, not a copy of its logic.
 */
public final class AnalysisCacheProbe {
    private final AnalysisCache cache;

    public AnalysisCacheProbe(SqlTenantAnalyzer analyzer) {
        this.cache = new AnalysisCache(analyzer);
    }

    /** What a prepare finds for the text: the cached analysis after the first call. */
    public SqlAnalysis analysis(String sql) {
        return cache.get(sql).analysis();
    }
}
