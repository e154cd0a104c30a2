package dev.tenantguard.agent.jdbc.sql;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;

/**
 * Views and materialized views that expose a tenant table's rows without its tenant column. A view
 * that has the tenant column is a tenant table like any other (its rows say whose they are); one that
 * reads a tenant table — directly or through such a view — but hides the column returns rows whose
 * tenant no query on it can restrict: reading or writing it is not verifiable.
 */
public final class DerivedViews {
    /** A word of SQL text: an identifier, quoted or not. */
    private static final Pattern WORD = Pattern.compile("\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|[A-Za-z_][\\w$]*");

    private DerivedViews() {
    }

    /**
     * The views among {@code definitions} whose rows cannot be verified, each with the reason.
     *
     * @param tenantColumn the tenant column, for the reason's text
     * @param tenantTables tables and views that have the tenant column, lower case
     * @param definitions  every view and materialized view of the database, lower-case name to its
     *                     defining query, or to {@code null} when the database did not show it
     */
    public static Map<String, String> unverifiable(String tenantColumn, Set<String> tenantTables,
                                                   Map<String, String> definitions) {
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        for (Map.Entry<String, String> view : definitions.entrySet()) {
            if (!tenantTables.contains(view.getKey())) {
                reads.put(view.getKey(), view.getValue() == null ? null : sources(view.getValue()));
            }
        }
        Map<String, String> hidden = new TreeMap<>();
        boolean grew = true;
        while (grew) { // to a fixed point: a view over a hidden view is hidden
            grew = false;
            for (Map.Entry<String, Set<String>> view : reads.entrySet()) {
                if (hidden.containsKey(view.getKey())) {
                    continue;
                }
                String reason = reason(view.getKey(), view.getValue(), tenantColumn, tenantTables, hidden);
                if (reason != null) {
                    hidden.put(view.getKey(), reason);
                    grew = true;
                }
            }
        }
        return hidden;
    }

    private static String reason(String view, Set<String> sources, String column, Set<String> tenantTables,
                                 Map<String, String> hidden) {
        if (sources == null) {
            return "the definition of the view " + view + " could not be read, and it has no " + column + " column";
        }
        for (String source : sources) {
            if (source.equals(view)) {
                continue;
            }
            if (tenantTables.contains(source)) {
                return "the view " + view + " reads the tenant table " + source + " but has no " + column
                        + " column: which tenant's rows it returns is not known";
            }
            if (hidden.containsKey(source)) {
                return "the view " + view + " reads the view " + source + ", which hides the tenant of its rows";
            }
        }
        return null;
    }

    /**
     * The relations a defining query reads, unqualified and lower case. A definition the parser cannot
     * read is taken to read every name it contains (a column named like a table then counts too: a
     * refusal, never a miss).
     */
    static Set<String> sources(String definition) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Statement statement = SqlTenantAnalyzer.parse(definition);
            for (Table table : AstWalker.collect(statement, Table.class)) {
                if (table.getName() != null) {
                    names.add(TenantNames.normalize(table.getName()));
                }
            }
            return names;
        } catch (SqlTenantAnalyzer.UnreadableSql e) {
            Matcher words = WORD.matcher(definition);
            while (words.find()) {
                names.add(TenantNames.normalize(words.group()));
            }
            return names;
        }
    }
}
