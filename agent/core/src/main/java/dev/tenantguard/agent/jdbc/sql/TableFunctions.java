package dev.tenantguard.agent.jdbc.sql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * Functions in FROM ({@code SELECT * FROM orders_of(?)}, {@code JOIN LATERAL f(o.id)}): a
 * set-returning function defined in the database returns rows of whatever it reads, which the
 * statement does not show. Not verifiable, unless it is one of the databases' built-in
 * set-returning functions (which read nothing but their arguments) or a routine the policy trusts
 * (whose tenant arguments, when it declares any, must be the current tenant's).
 * Scalar functions in expressions are not looked at: the built-in ones are not routines, and a
 * user-defined scalar function reading a tenant table is written down as not guarded.
 */
final class TableFunctions {
    /** Built-in set-returning functions that read only their arguments (PostgreSQL, H2, MySQL/MariaDB). */
    private static final Set<String> BUILT_IN = Set.of("generate_series", "generate_subscripts", "unnest",
            "json_each", "json_each_text", "jsonb_each", "jsonb_each_text", "json_array_elements",
            "json_array_elements_text", "jsonb_array_elements", "jsonb_array_elements_text", "json_to_record",
            "jsonb_to_record", "json_to_recordset", "jsonb_to_recordset", "json_populate_record",
            "jsonb_populate_record", "json_populate_recordset", "jsonb_populate_recordset", "json_object_keys",
            "jsonb_object_keys", "regexp_matches", "regexp_split_to_table", "string_to_table", "json_table",
            "system_range");
    /**
     * The database's own catalogue functions, named with their schema (what drivers and ORMs call to
     * read metadata, e.g. pgjdbc's {@code pg_catalog.pg_get_keywords()}): they read no application
     * table — but for those that run a query given as text.
     */
    private static final List<String> SYSTEM_SCHEMAS = List.of("pg_catalog.", "information_schema.");
    private static final Set<String> RUN_QUERY_TEXT = Set.of("query_to_xml", "query_to_xmlschema",
            "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema", "table_to_xml", "table_to_xmlschema",
            "table_to_xml_and_xmlschema", "schema_to_xml", "schema_to_xmlschema", "schema_to_xml_and_xmlschema",
            "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema");
    private static final Pattern MAY_HOLD = Pattern.compile("\\b(from|join|lateral)\\b[\\s\\S]*\\(");

    private TableFunctions() {
    }

    /** Whether a lower-case text may have a function in FROM: a cheap over-approximation. */
    static boolean mayHold(String lowerCaseText) {
        return lowerCaseText.indexOf('(') >= 0 && MAY_HOLD.matcher(lowerCaseText).find();
    }

    private static boolean inSystemSchema(String name) {
        for (String schema : SYSTEM_SCHEMAS) {
            if (name.startsWith(schema)) {
                return true;
            }
        }
        return false;
    }

    static void check(Statement statement, TrustedRoutines trusted, Findings findings) {
        Set<Function> inFrom = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TableFunction function : AstWalker.collect(statement, TableFunction.class)) {
            String written = function.getFunction() != null ? function.getFunction().getName() : function.getName();
            String name = written == null ? "" : TenantNames.normalize(written);
            String unqualified = name.substring(name.lastIndexOf('.') + 1);
            boolean builtIn = BUILT_IN.contains(unqualified) && (name.equals(unqualified) || name.startsWith("pg_catalog."))
                    || inSystemSchema(name) && !RUN_QUERY_TEXT.contains(unqualified);
            if (builtIn) {
                continue;
            }
            TrustedRoutines.Declaration declaration = trusted.find(name);
            if (declaration == null) {
                findings.unverifiable("function " + name, "the function " + name + " in FROM returns rows of a routine defined"
                        + " in the database, which the agent does not see (list it in jdbc.trustedRoutines once audited)");
            } else if (declaration.takesTenant()) {
                tenantArguments(function.getFunction(), name, declaration, findings);
            }
            inFrom.add(function.getFunction());
        }
        if (trusted.takingTenant().isEmpty()) {
            return;
        }
        // a trusted routine with a tenant argument called in an expression (SELECT orders_of('globex')): the same check
        for (Function function : AstWalker.collect(statement, Function.class)) {
            String name = function.getName() == null ? "" : TenantNames.normalize(function.getName());
            TrustedRoutines.Declaration declaration = trusted.find(name);
            if (declaration != null && declaration.takesTenant() && !inFrom.contains(function)) {
                tenantArguments(function, name, declaration, findings);
            }
        }
    }

    /** Records the tenant arguments of a call of a trusted function, given by position: each a literal or a {@code ?}. */
    private static void tenantArguments(Function function, String name, TrustedRoutines.Declaration declaration,
                                        Findings findings) {
        String routine = "routine " + name;
        ExpressionList<?> arguments = function == null ? null : function.getParameters();
        int count = arguments == null ? 0 : arguments.size();
        if (count != declaration.arity() || arguments instanceof NamedExpressionList<?> || function.getNamedParameters() != null) {
            findings.unverifiable(routine, "the call of " + name + " does not give the " + declaration.arity()
                    + " arguments by position that jdbc.trustedRoutines declares, so its tenant argument is not known");
            return;
        }
        for (int position = 0; position < count; position++) {
            if (declaration.isTenantArgument(position)) {
                String clause = "argument " + (position + 1) + " of " + name;
                if (!findings.tenantValue(arguments.get(position), routine, clause)) {
                    findings.unverifiable(routine, "the tenant argument (" + clause + ") is not a '?' or a literal");
                }
            }
        }
    }
}
