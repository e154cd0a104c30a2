package dev.tenantguard.agent.jdbc.sql;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * The passes over a whole statement, wherever the grammar put things: {@code set_config} calls (RLS
 * values and search_path switches), schema-qualified table names, and the safety net for tenant
 * tables that no query-block check judged.
 */
final class WholeStatementChecks {

    private static final String SEARCH_PATH = "search_path";

    private final TenantNames names;
    private final Findings findings;

    WholeStatementChecks(TenantNames names, Findings findings) {
        this.names = names;
        this.findings = findings;
    }

    /** {@code set_config('app.tenant', value, local)} anywhere in the statement; also search_path. */
    void sessionFunctions(Statement statement) {
        for (Function function : AstWalker.collect(statement, Function.class)) {
            ExpressionList<?> parameters = function.getParameters();
            String functionName = function.getName() == null ? null : TenantNames.normalize(function.getName());
            // pg_catalog.set_config is the same function
            if (functionName == null || !("set_config".equals(functionName) || "pg_catalog.set_config".equals(functionName))
                    || parameters == null || parameters.size() < 2) {
                continue;
            }
            if (Expressions.fixedValue(parameters.get(0)) instanceof StringValue setting) {
                String name = setting.getNotExcapedValue();
                if (names.isRlsSetting(name)) {
                    findings.rlsValue(names.rlsSetting(), parameters.get(1));
                } else if (SEARCH_PATH.equals(TenantNames.normalize(name)) && names.hasSchemaPatterns()) {
                    if (Expressions.fixedValue(parameters.get(1)) instanceof StringValue path) {
                        for (String schema : path.getNotExcapedValue().split(",")) {
                            schemaSwitch(schema.trim());
                        }
                    } else {
                        findings.unverifiable(SEARCH_PATH, "set_config switches the schema to a value that is not a"
                                + " literal, which the agent does not read: whose schema the connection is in is not known");
                    }
                }
            } else if (names.rlsSetting() != null) {
                findings.unverifiable(names.rlsSetting(), "set_config with a setting name that is not a literal");
            }
        }
    }

    void schemaSwitch(String schema) {
        if (schema.isEmpty()) {
            return;
        }
        // a schema of no tenant too: the switch ends the connection's being a tenant's
        findings.schemaTenant(new SchemaTenant(names.tenantOfSchema(schema).orElse(null),
                TenantNames.normalize(schema), null, true));
    }

    /**
     * The safety net: every table reference of the statement, wherever the grammar put it. Schema
     * tenants are read here; a tenant table that no check judged is reported as not verifiable, so
     * a statement form the checks do not know fails closed.
     */
    void safetyNet(Statement statement) {
        boolean checkedKind = statement instanceof Select || statement instanceof Insert || statement instanceof Update
                || statement instanceof Delete || statement instanceof Merge || statement instanceof Upsert
                || statement instanceof SetStatement;
        String kind = checkedKind ? StatementChecker.operationOf(statement).name() : statement.getClass().getSimpleName();
        AstWalker.walk(statement, (node, parent) -> {
            if (node instanceof Table table && table.getName() != null
                    && !(parent instanceof Column) && !(parent instanceof AllTableColumns)) {
                String name = TenantNames.normalize(table.getName());
                names.tenantOfSchema(table.getSchemaName()).ifPresent(tenant -> findings.schemaTenant(
                        new SchemaTenant(tenant, TenantNames.normalize(table.getSchemaName()), name, false)));
                if (names.isTenantTable(table) && !findings.isJudged(table)) {
                    findings.tenantTable(name);
                    findings.unverifiable(name, checkedKind
                            ? name + " is used in a part of the " + kind + " that the analyzer does not check"
                            : "a " + kind + " statement on " + name + " is not checked for tenant scope");
                }
            }
            return true;
        });
    }
}
