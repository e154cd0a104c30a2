package dev.tenantguard.bench;

import static dev.tenantguard.bench.BenchFixture.TENANT_COLUMN;
import static dev.tenantguard.bench.BenchFixture.TENANT_TABLE;

import dev.tenantguard.agent.jdbc.AnalysisCacheProbe;
import dev.tenantguard.agent.jdbc.sql.ShapeAnalysis;
import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.agent.jdbc.sql.SqlShape;
import dev.tenantguard.agent.jdbc.sql.SqlTenantAnalyzer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The agent's SQL analysis alone, in process: what a statement costs the first time the agent sees
 * its text (parse and check), and every time after (a cache lookup). The analyzer is a copy shaded
 * into benchmarks.jar (see the pom), so this class runs in the arm without the agent only.
 */
@InArms(BenchArm.NO_AGENT)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SqlAnalysisBenchmark {
    private static final String UNSEEN_PREFIX = "SELECT item FROM " + TENANT_TABLE + " WHERE tenant_id = ? AND id = ";
    private static final String INLINED_PREFIX = "SELECT item FROM " + TENANT_TABLE + " WHERE tenant_id = 'acme' AND id = ";

    private SqlTenantAnalyzer analyzer;
    /** The agent's own statement cache (its code, shaded into benchmarks.jar with the analyzer). */
    private AnalysisCacheProbe cache;
    /** Mirrors the agent's AnalysisCache on a text it has not seen: its shape's analysis, by the shape's text. */
    private final ConcurrentHashMap<String, ShapeAnalysis> shapes = new ConcurrentHashMap<>();
    private int literal;

    @Setup(Level.Trial)
    public void setUp() {
        // As the agent builds it for the benchmark policy (jdbc: {column: tenant_id, tables: [orders]}).
        analyzer = new SqlTenantAnalyzer(TENANT_COLUMN, Set.of(TENANT_TABLE), List.of(), null);
        cache = new AnalysisCacheProbe(analyzer);
        checkAllowed(cache.analysis(TenantOrders.SELECT_BY_KEY));
        checkAllowed(analyzer.analyze(TenantOrders.SELECT_BY_KEY));
        checkAllowed(analyzer.analyze(UNSEEN_PREFIX + 1));
        SqlAnalysis inlined = analyzeUnseenOfKnownShape();
        if (!inlined.verified() || inlined.literalTenants().size() != 1) {
            throw new IllegalStateException("not a verified select with a tenant literal: " + inlined);
        }
    }

    /** The statements must be verified with parameter 1 as the tenant: else this measures the refusal path. */
    private static void checkAllowed(SqlAnalysis analysis) {
        if (!analysis.verified() || !analysis.isTenantBound(1)) {
            throw new IllegalStateException("not a verified select with a tenant parameter: " + analysis);
        }
    }

    /** A text the agent has not seen: parse and check, as for each new SQL text built with literals. */
    @Benchmark
    public SqlAnalysis analyzeUnseen() {
        return analyzer.analyze(UNSEEN_PREFIX + literal++);
    }

    /**
     * A text the agent has not seen, of a shape it has (the same select with another inlined id): one
     * pass takes the literals out, one lookup finds the shape's analysis, the text's values are put back.
     * What each query of a service that inlines its values costs, instead of a parse.
     */
    @Benchmark
    public SqlAnalysis analyzeUnseenOfKnownShape() {
        SqlShape shape = SqlShape.of(INLINED_PREFIX + literal++);
        ShapeAnalysis known = shapes.get(shape.text());
        if (known == null) {
            known = analyzer.analyzeShape(shape);
            shapes.putIfAbsent(shape.text(), known);
        }
        return known.of(shape);
    }

    /** The same text each op, through the agent's cache: what every prepare after the first costs. */
    @Benchmark
    public SqlAnalysis analyzeCached() {
        return cache.analysis(TenantOrders.SELECT_BY_KEY);
    }
}
