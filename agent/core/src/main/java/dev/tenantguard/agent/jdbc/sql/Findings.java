package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Table;

/** Collects what the analysis of one SQL text finds, statement by statement; then builds the result. */
final class Findings {

    static final String UNVERIFIABLE = "could not be verified: ";

    private final Set<String> tenantTables = new LinkedHashSet<>();
    private final Set<SqlProblem> problems = new LinkedHashSet<>();
    private final List<LiteralTenant> literals = new ArrayList<>();
    // by index: the list reads in textual order, each index once
    private final Map<Integer, TenantParameter> parameters = new TreeMap<>();
    private final Set<String> named = new LinkedHashSet<>();
    private final Set<SchemaTenant> schemas = new LinkedHashSet<>();
    private final Set<RlsValue> rls = new LinkedHashSet<>();
    private final List<SchemaChange> schemaChanges = new ArrayList<>();
    /** Value nodes already recorded: a value reached along two paths is reported once. */
    private final Set<Object> recorded = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Tenant-table references that a statement check has judged (restricted or reported). */
    private final Set<Table> judged = Collections.newSetFromMap(new IdentityHashMap<>());

    private ParameterNumbering numbering;
    /** The keyed write of the text's only statement, or null (see {@link SqlTenantAnalyzer#analyze}). */
    private KeyedWrite keyedWrite;

    /** Starts a new statement, whose {@code ?} are numbered by {@code numbering}. */
    void startStatement(ParameterNumbering numbering) {
        this.numbering = numbering;
        this.judged.clear();
    }

    void keyedWrite(KeyedWrite write) {
        keyedWrite = write;
    }

    void tenantTable(String table) {
        tenantTables.add(table);
    }

    void problem(String resource, String reason) {
        problems.add(new SqlProblem(resource, reason));
    }

    void unverifiable(String resource, String detail) {
        problem(resource, UNVERIFIABLE + detail);
    }

    /** Marks a table reference as judged by the statement checks, so the safety net leaves it alone. */
    void judged(Table table) {
        judged.add(table);
    }

    boolean isJudged(Table table) {
        return judged.contains(table);
    }

    /**
     * Records a value that must equal the current tenant. Returns false when {@code value} is not a
     * {@link Expressions#fixedValue fixed value} (then nothing is recorded).
     */
    boolean tenantValue(Expression value, String table, String clause) {
        Expression fixed = Expressions.fixedValue(value);
        if (fixed == null) {
            return false;
        }
        if (!recorded.add(fixed)) {
            return true;
        }
        if (fixed instanceof JdbcParameter parameter) {
            if (numbering.problem() != null) {
                unverifiable(table, numbering.problem());
            } else {
                parameters.putIfAbsent(numbering.indexOf(parameter),
                        new TenantParameter(numbering.indexOf(parameter), table, clause));
            }
        } else if (fixed instanceof JdbcNamedParameter parameter) {
            named.add(parameter.getName());
        } else if (fixed instanceof StringValue string) {
            literals.add(new LiteralTenant(string.getNotExcapedValue(), table, clause));
        } else if (fixed instanceof LongValue number) {
            literals.add(new LiteralTenant(number.getStringValue(), table, clause));
        }
        return true;
    }

    /** Records the {@code ?} with JDBC index {@code index} as a tenant argument of a trusted routine. */
    void tenantArgument(int index, String routine, String clause) {
        parameters.putIfAbsent(index, new TenantParameter(index, routine, clause));
    }

    /** Records a literal given as a tenant argument of a trusted routine. */
    void tenantArgument(String literal, String routine, String clause) {
        literals.add(new LiteralTenant(literal, routine, clause));
    }

    /** Records a value of the RLS setting: a literal, a {@code ?}, or a problem for anything else. */
    void rlsValue(String setting, Expression value) {
        Expression fixed = Expressions.fixedValue(value);
        if (fixed instanceof JdbcParameter parameter) {
            if (numbering.problem() != null) {
                unverifiable(setting, numbering.problem());
            } else {
                rls.add(RlsValue.ofParameter(setting, numbering.indexOf(parameter)));
            }
        } else if (fixed instanceof StringValue string) {
            rls.add(RlsValue.ofLiteral(setting, string.getNotExcapedValue()));
        } else if (fixed instanceof LongValue number) {
            rls.add(RlsValue.ofLiteral(setting, number.getStringValue()));
        } else {
            unverifiable(setting, setting + " is set to '" + Expressions.quote(value) + "', not a literal or a '?'");
        }
    }

    void rlsLiteral(String setting, String value) {
        rls.add(RlsValue.ofLiteral(setting, value));
    }

    void rlsParameter(String setting, int index) {
        rls.add(RlsValue.ofParameter(setting, index));
    }

    void schemaTenant(SchemaTenant tenant) {
        schemas.add(tenant);
    }

    void schemaChange(SchemaChange change) {
        schemaChanges.add(change);
    }

    SqlAnalysis build(SqlOperation operation) {
        SqlAnalysis analysis = new SqlAnalysis(operation, tenantTables, new ArrayList<>(problems), literals,
                new ArrayList<>(parameters.values()), new ArrayList<>(named), new ArrayList<>(schemas),
                new ArrayList<>(rls));
        if (!schemaChanges.isEmpty()) {
            analysis.withSchemaChanges(schemaChanges);
        }
        return ownerDecides() ? analysis.withKeyedWrite(keyedWrite) : analysis;
    }

    /**
     * Whether the row owner can decide the whole statement: its one problem is that its target is not restricted (nothing else unscoped or unverifiable in it).
     */
    private boolean ownerDecides() {
        return keyedWrite != null && schemaChanges.isEmpty() && problems.size() == 1
                && problems.contains(new SqlProblem(keyedWrite.table(), keyedWrite.reason()));
    }
}
