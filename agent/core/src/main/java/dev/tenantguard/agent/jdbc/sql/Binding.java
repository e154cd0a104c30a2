package dev.tenantguard.agent.jdbc.sql;

import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Select;

/**
 * An entry of a query block's FROM (or an UPDATE/DELETE/MERGE target): the name a column qualifier
 * uses for it, and what it is — a base table (a tenant table or not), a derived table or CTE whose
 * rows come from a query, or something opaque (a table function).
 */
final class Binding {

    final QueryBlock owner;
    /** The qualifier that names it: the alias, else the table name; normalized. */
    final String name;
    /** The schema a qualifier may add when there is no alias; normalized, or null. */
    final String schema;
    /** The base table, or null. */
    final Table table;
    final boolean tenant;
    /** The query that produces a derived table's or CTE's rows, or null. */
    final Select source;
    /** Column names given with the alias ({@code AS s(id, tenant_id)}), normalized; may be empty. */
    final List<String> columnAliases;

    private Binding(QueryBlock owner, String name, String schema, Table table, boolean tenant, Select source,
                    List<String> columnAliases) {
        this.owner = owner;
        this.name = name;
        this.schema = schema;
        this.table = table;
        this.tenant = tenant;
        this.source = source;
        this.columnAliases = columnAliases;
    }

    static Binding table(QueryBlock owner, Table table, boolean tenant) {
        Alias alias = table.getAlias();
        if (alias != null) {
            return new Binding(owner, TenantNames.normalize(alias.getName()), null, table, tenant, null,
                    columnAliases(alias));
        }
        String schema = table.getSchemaName() == null ? null : TenantNames.normalize(table.getSchemaName());
        return new Binding(owner, TenantNames.normalize(table.getName()), schema, table, tenant, null, List.of());
    }

    /** A derived table, CTE reference or VALUES list: rows produced by {@code source}. */
    static Binding derived(QueryBlock owner, String name, Alias alias, Select source) {
        return new Binding(owner, name, null, null, false, source, columnAliases(alias));
    }

    static Binding opaque(QueryBlock owner, Alias alias) {
        return new Binding(owner, alias == null ? "" : TenantNames.normalize(alias.getName()), null, null, false,
                null, List.of());
    }

    /** The tenant table's name for reports (unqualified, lower case), or the binding's name. */
    String tableName() {
        return table != null ? TenantNames.normalize(table.getName()) : name;
    }

    /** Whether a column qualifier ({@code o} of {@code o.tenant_id}, or {@code public.orders}) names this. */
    boolean isNamedBy(Table qualifier) {
        if (name.isEmpty() || !name.equals(TenantNames.normalize(qualifier.getName()))) {
            return false;
        }
        String qualifierSchema = qualifier.getSchemaName();
        return qualifierSchema == null || (schema != null && schema.equals(TenantNames.normalize(qualifierSchema)));
    }

    private static List<String> columnAliases(Alias alias) {
        if (alias == null || alias.getAliasColumns() == null) {
            return List.of();
        }
        return alias.getAliasColumns().stream().map(column -> TenantNames.normalize(column.name)).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
