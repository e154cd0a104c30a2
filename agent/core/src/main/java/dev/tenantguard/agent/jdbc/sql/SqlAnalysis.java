package dev.tenantguard.agent.jdbc.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What {@link SqlTenantAnalyzer} found in one SQL text: immutable, safe to cache per SQL text and to
 * share between threads.
 *
 * <p>The caller turns it into a decision: {@link #problems()} are {@code UNSCOPED_QUERY}; every
 * {@link #literalTenants() literal}, {@link #schemaTenants() schema} and {@link #rlsValues() RLS
 * value}, and the values bound to the {@link #tenantParameters() tenant parameters} at execute time,
 * must equal the current tenant, else {@code CROSS_TENANT}.
 */
public final class SqlAnalysis {

    private final SqlOperation operation;
    private final Set<String> tenantTables;
    private final List<SqlProblem> problems;
    private final List<LiteralTenant> literalTenants;
    private final List<TenantParameter> tenantParameters;
    private final List<String> namedTenantParameters;
    private final List<SchemaTenant> schemaTenants;
    private final List<RlsValue> rlsValues;
    /** Schema statements on tenant tables ({@link SchemaStatement}): judged by the caller, not as row access. */
    private List<SchemaChange> schemaChanges = List.of();
    /** An UPDATE or DELETE whose only problem the owner of the row it pins by key may answer, or null. */
    private KeyedWrite keyedWrite;
    /**
     * Sorted, distinct: the allow path asks "is index n a captured parameter?" without allocating: the
     * tenant parameters, and the pins of a {@link #keyedWrite()}.
     */
    private int[] boundIndexes;

    SqlAnalysis(SqlOperation operation, Set<String> tenantTables, List<SqlProblem> problems,
                List<LiteralTenant> literalTenants, List<TenantParameter> tenantParameters,
                List<String> namedTenantParameters, List<SchemaTenant> schemaTenants, List<RlsValue> rlsValues) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.tenantTables = Set.copyOf(tenantTables);
        this.problems = List.copyOf(problems);
        this.literalTenants = List.copyOf(literalTenants);
        this.tenantParameters = List.copyOf(tenantParameters);
        this.namedTenantParameters = List.copyOf(namedTenantParameters);
        this.schemaTenants = List.copyOf(schemaTenants);
        this.rlsValues = List.copyOf(rlsValues);
        this.boundIndexes = Stream.concat(
                        tenantParameters.stream().map(TenantParameter::index),
                        rlsValues.stream().filter(RlsValue::isParameter).map(RlsValue::parameterIndex))
                .mapToInt(Integer::intValue).distinct().sorted().toArray();
    }

    /** This analysis with the schema statements {@code changes}; set once, by {@link Findings#build}. */
    SqlAnalysis withSchemaChanges(List<SchemaChange> changes) {
        this.schemaChanges = List.copyOf(changes);
        return this;
    }

    /** This analysis with the keyed write {@code write}, whose pinned values are captured too; set once, by {@link Findings#build}. */
    SqlAnalysis withKeyedWrite(KeyedWrite write) {
        this.keyedWrite = write;
        this.boundIndexes = IntStream.concat(Arrays.stream(boundIndexes),
                write.values().stream().mapToInt(KeyedWrite.Value::index).filter(i -> i > 0)).distinct().sorted().toArray();
        return this;
    }

    /**
     * The UPDATE or DELETE by key this text is, when its only problem is that its target is not
     * restricted: the owner of the row the pins select decides it. {@code null} otherwise.
     */
    public KeyedWrite keyedWrite() {
        return keyedWrite;
    }

    /**
     * The schema statements on tenant tables the text makes (CREATE, ALTER, DROP, TRUNCATE, DO …): not
     * row access, so not in {@link #tenantTables()}; audited or refused by the caller as their
     * {@link SchemaChange.Effect effect} says.
     */
    public List<SchemaChange> schemaChanges() {
        return schemaChanges;
    }

    /** The result for a statement that concerns no tenant: nothing to check. */
    static SqlAnalysis unconcerned(SqlOperation operation) {
        return new SqlAnalysis(operation, Set.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The first statement's operation. */
    public SqlOperation operation() {
        return operation;
    }

    /** The tenant tables the text references (unqualified, lower case). */
    public Set<String> tenantTables() {
        return tenantTables;
    }

    /** Whether the text references any tenant table. */
    public boolean touchesTenantTables() {
        return !tenantTables.isEmpty();
    }

    /** The {@code UNSCOPED_QUERY} findings, in textual order of discovery; empty when verified. */
    public List<SqlProblem> problems() {
        return problems;
    }

    /** True when every tenant-table reference is restricted to the tenant column (no problems). */
    public boolean verified() {
        return problems.isEmpty();
    }

    /** Tenants given as literals, each of which must equal the current tenant. */
    public List<LiteralTenant> literalTenants() {
        return literalTenants;
    }

    /** The JDBC parameters whose bound value must equal the current tenant, in textual order. */
    public List<TenantParameter> tenantParameters() {
        return tenantParameters;
    }

    /**
     * Named parameters ({@code tenant_id = :tenant}) accepted as restrictions. JDBC drivers do not bind
     * them by name, so their value cannot be checked here; they are listed so that a caller may decide.
     */
    public List<String> namedTenantParameters() {
        return namedTenantParameters;
    }

    /** Tenants implied by schema-qualified names and schema switches. */
    public List<SchemaTenant> schemaTenants() {
        return schemaTenants;
    }

    /** Values assigned to the RLS setting. */
    public List<RlsValue> rlsValues() {
        return rlsValues;
    }

    /**
     * Whether the value bound to JDBC parameter {@code index} is captured: it must equal the current
     * tenant (a tenant parameter or an RLS parameter) or it pins a row of a {@link #keyedWrite()}.
     * Allocation-free, for the {@code setXxx} hot path.
     */
    public boolean isTenantBound(int index) {
        return Arrays.binarySearch(boundIndexes, index) >= 0;
    }

    /** Whether exactly one parameter index carries the tenant (the common case: store its value as is). */
    public boolean hasSingleTenantBound() {
        return boundIndexes.length == 1;
    }

    /** Whether any bound value must be checked at execute time. */
    public boolean hasTenantBoundParameters() {
        return boundIndexes.length > 0;
    }

    /** The highest parameter index {@link #isTenantBound(int)} answers true for, 0 when none. */
    public int maxTenantBoundIndex() {
        return boundIndexes.length == 0 ? 0 : boundIndexes[boundIndexes.length - 1];
    }

    @Override
    public String toString() {
        return "SqlAnalysis{" + operation
                + (tenantTables.isEmpty() ? "" : ", tables=" + tenantTables)
                + (problems.isEmpty() ? "" : ", problems=" + problems)
                + (literalTenants.isEmpty() ? "" : ", literals=" + literalTenants)
                + (tenantParameters.isEmpty() ? "" : ", parameters=" + tenantParameters)
                + (namedTenantParameters.isEmpty() ? "" : ", named=" + namedTenantParameters)
                + (schemaTenants.isEmpty() ? "" : ", schemas=" + schemaTenants)
                + (rlsValues.isEmpty() ? "" : ", rls=" + rlsValues)
                + (schemaChanges.isEmpty() ? "" : ", schema=" + schemaChanges)
                + (keyedWrite == null ? "" : ", keyed=" + keyedWrite)
                + '}';
    }
}
