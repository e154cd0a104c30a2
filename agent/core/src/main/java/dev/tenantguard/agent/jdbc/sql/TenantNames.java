package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.schema.Table;

/**
 * The analyzer's configuration, compiled once: which identifiers are the tenant column, the tenant
 * tables, the tenant schemas and the RLS setting. All comparisons are on {@link #normalize normalized}
 * identifiers: quotes removed and lower-cased, because the databases guarded fold unquoted identifiers
 * (H2 to upper, PostgreSQL to lower) and a quoted {@code "ORDERS"} must not escape a rule for {@code orders}.
 */
final class TenantNames {

    private static final String TENANT_PLACEHOLDER = "{tenant}";

    private final String column;
    private final Set<String> tables;
    private final List<Pattern> schemaPatterns;
    private final String rlsSetting;
    /** Finds a tenant table's name anywhere in raw SQL text, for text the parser cannot read. */
    private final Pattern tableMention;

    /** Views that read a tenant table but hide its tenant column, normalized, to why they are not verifiable. */
    private final Map<String, String> unverifiableViews;

    TenantNames(String column, Collection<String> tables, List<String> schemaPatterns, String rlsSetting) {
        this(column, tables, schemaPatterns, rlsSetting, Map.of());
    }

    TenantNames(String column, Collection<String> tables, List<String> schemaPatterns, String rlsSetting,
                Map<String, String> unverifiableViews) {
        this.column = normalize(requireText(column, "tenant column"));
        Set<String> names = new LinkedHashSet<>();
        for (String table : tables) {
            names.add(normalize(lastPart(requireText(table, "tenant table"))));
        }
        this.tables = Set.copyOf(names);
        Map<String, String> views = new HashMap<>();
        for (Map.Entry<String, String> view : unverifiableViews.entrySet()) {
            views.put(normalize(lastPart(view.getKey())), view.getValue());
        }
        this.unverifiableViews = Map.copyOf(views);
        // text the parser cannot read is not verifiable when it names one of these views too
        names.addAll(this.unverifiableViews.keySet());
        List<Pattern> patterns = new ArrayList<>();
        for (String pattern : schemaPatterns) {
            patterns.add(compileSchemaPattern(requireText(pattern, "schema pattern")));
        }
        this.schemaPatterns = List.copyOf(patterns);
        this.rlsSetting = rlsSetting == null || rlsSetting.isBlank() ? null : normalize(rlsSetting);
        this.tableMention = names.isEmpty() ? null : Pattern.compile(
                "(?<![\\w$])(?:" + quotedAlternatives(names) + ")(?![\\w$])",
                Pattern.CASE_INSENSITIVE);
    }

    private static String quotedAlternatives(Collection<String> names) {
        StringBuilder alternatives = new StringBuilder();
        for (String name : names) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(name));
        }
        return alternatives.toString();
    }

    /**
     * An identifier as the databases compare it, case aside: without its quotes ({@code "x"},
     * {@code `x`}, {@code [x]}, doubled quote characters undone) and in lower case.
     */
    static String normalize(String identifier) {
        String id = identifier.strip();
        if (id.length() >= 2) {
            char first = id.charAt(0);
            char last = id.charAt(id.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
                String quote = String.valueOf(first);
                id = id.substring(1, id.length() - 1).replace(quote + quote, quote);
            } else if (first == '[' && last == ']') {
                id = id.substring(1, id.length() - 1);
            }
        }
        return id.toLowerCase(Locale.ROOT);
    }

    String column() {
        return column;
    }

    boolean hasTenantTables() {
        return !tables.isEmpty();
    }

    boolean isTenantColumn(String name) {
        return name != null && column.equals(normalize(name));
    }

    /** Whether an unqualified, normalized name is a tenant table's. */
    boolean isTenantTableName(String name) {
        return tables.contains(name);
    }

    boolean hasUnverifiableViews() {
        return !unverifiableViews.isEmpty();
    }

    /** Why a table reference cannot be verified when it names a view that hides the tenant column, else null. */
    String unverifiableView(Table table) {
        return unverifiableViews.get(normalize(table.getName()));
    }

    /** Whether the policy guards anything at the SQL level: shared tables, schemas or an RLS setting. */
    boolean guardsSql() {
        return !tables.isEmpty() || !schemaPatterns.isEmpty() || rlsSetting != null;
    }

    /** Whether a table reference names a tenant table, whatever its schema qualifier or quoting. */
    boolean isTenantTable(Table table) {
        return table.getName() != null && tables.contains(normalize(table.getName()));
    }

    /**
     * The first tenant table the raw SQL text names as a word (comments and strings included), lower
     * case, or null: what an unreadable statement may touch.
     */
    String mentionedTenantTable(String sql) {
        if (tableMention == null) {
            return null;
        }
        Matcher matcher = tableMention.matcher(sql);
        return matcher.find() ? matcher.group().toLowerCase(Locale.ROOT) : null;
    }

    /** The tenant that a schema-per-tenant pattern assigns to {@code schema}, if any. */
    Optional<String> tenantOfSchema(String schema) {
        if (schema == null || schema.isBlank()) {
            return Optional.empty();
        }
        String name = normalize(schema);
        for (Pattern pattern : schemaPatterns) {
            Matcher matcher = pattern.matcher(name);
            if (matcher.matches() && !matcher.group(1).isEmpty()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    boolean hasSchemaPatterns() {
        return !schemaPatterns.isEmpty();
    }

    /** The RLS setting name, normalized, or {@code null} when RLS values are not checked. */
    String rlsSetting() {
        return rlsSetting;
    }

    boolean isRlsSetting(String name) {
        return rlsSetting != null && name != null && rlsSetting.equals(normalize(name));
    }

    private static Pattern compileSchemaPattern(String pattern) {
        int at = pattern.indexOf(TENANT_PLACEHOLDER);
        if (at < 0 || pattern.indexOf(TENANT_PLACEHOLDER, at + 1) >= 0) {
            throw new IllegalArgumentException("a schema pattern needs exactly one " + TENANT_PLACEHOLDER + ": " + pattern);
        }
        String prefix = normalize(pattern.substring(0, at));
        String suffix = normalize(pattern.substring(at + TENANT_PLACEHOLDER.length()));
        return Pattern.compile(Pattern.quote(prefix) + "(.+)" + Pattern.quote(suffix));
    }

    private static String lastPart(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("blank " + what);
        }
        return value;
    }
}
