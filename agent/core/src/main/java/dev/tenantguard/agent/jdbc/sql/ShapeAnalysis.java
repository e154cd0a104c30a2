package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The analysis of a {@link SqlShape}, shared by every text of that shape: the shape is parsed once
 * with each literal read as a {@code ?}, and each text's own values are put back per call — a
 * tenant literal in a place the analysis restricts to the tenant becomes a {@link LiteralTenant} of
 * that text and is compared with the current tenant like any other. A text cached for acme's
 * literal therefore does not let globex's through.
 *
 * <p>The analyzer treats a literal and a {@code ?} alike in every place it reads a tenant value, so
 * the two readings agree. Where a literal's value decides more than that — a session setting, the
 * RLS setting, {@code set_config}, a schema switch, dynamic SQL, a routine or a table function,
 * schema statements, a write judged by the owner of the row its key pins ({@link KeyedWrite}), and
 * anything the analysis could not verify — the shape is not shared:
 * {@link #of} answers {@code null} and the text is analysed as it is.
 */
public final class ShapeAnalysis {
    private static final ShapeAnalysis NOT_SHARED = new ShapeAnalysis(null);

    /** The analysis of the shape's text, or {@code null} when each text must be analysed as it is. */
    private final SqlAnalysis shared;

    private ShapeAnalysis(SqlAnalysis shared) {
        this.shared = shared;
    }

    static ShapeAnalysis notShared() {
        return NOT_SHARED;
    }

    /** The shape's analysis {@code analysis}, shared when nothing in it depends on a literal's value. */
    static ShapeAnalysis of(SqlAnalysis analysis) {
        if (!analysis.schemaTenants().isEmpty() || !analysis.rlsValues().isEmpty()
                || !analysis.schemaChanges().isEmpty() || !analysis.namedTenantParameters().isEmpty()) {
            return NOT_SHARED;
        }
        if (analysis.keyedWrite() != null) {
            // a write by key is judged by the row its key values pin: a literal key read as '?' would
            // be looked up at the shape's parameter index, which is another value of the text
            return NOT_SHARED;
        }
        for (SqlProblem problem : analysis.problems()) {
            if (problem.unverifiable()) {
                return NOT_SHARED; // may come from a literal read as '?' where only a literal parses
            }
        }
        return new ShapeAnalysis(analysis);
    }

    /** Whether texts of this shape share its analysis. */
    public boolean shared() {
        return shared != null;
    }

    /**
     * The analysis of a text of this shape, with that text's literals and JDBC indexes; {@code null}
     * when the shape is not shared (then the text is analysed as it is).
     */
    public SqlAnalysis of(SqlShape shape) {
        if (shared == null) {
            return null;
        }
        List<TenantParameter> parameters = shared.tenantParameters();
        if (parameters.isEmpty()) {
            return shared; // no index and no value of this text is looked at
        }
        List<LiteralTenant> literals = new ArrayList<>(shared.literalTenants());
        List<TenantParameter> bound = new ArrayList<>(parameters.size());
        for (TenantParameter parameter : parameters) {
            int index = parameter.index();
            if (index > shape.parameterCount()) {
                return null; // the shape and the text were numbered differently: read the text itself
            }
            if (shape.isLiteral(index)) {
                for (String value : shape.literals(index)) {
                    literals.add(new LiteralTenant(value, parameter.table(), parameter.clause()));
                }
            } else {
                bound.add(new TenantParameter(shape.jdbcIndex(index), parameter.table(), parameter.clause()));
            }
        }
        return new SqlAnalysis(shared.operation(), shared.tenantTables(), shared.problems(), literals, bound,
                List.of(), List.of(), List.of());
    }
}
