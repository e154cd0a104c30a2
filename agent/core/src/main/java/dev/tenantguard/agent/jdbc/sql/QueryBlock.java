package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Select;

/**
 * A query block: the scope in which a tenant table must be restricted (one SELECT's FROM/WHERE, or an
 * UPDATE/DELETE/MERGE). Blocks nest like the SQL does: a sub-query's block has the enclosing block as
 * parent, so a correlated {@code i.tenant_id = o.tenant_id} can rely on an outer restricted {@code o}.
 */
final class QueryBlock {

    final QueryBlock parent;
    /** Where the block stands, for reports: "the SELECT", "a subquery", "the CTE recent", … */
    final String description;
    final List<Binding> bindings = new ArrayList<>();
    /** The bindings that are restricted to the current tenant; filled once the block is solved. */
    final Set<Binding> restricted = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The CTEs declared by this block's WITH, by normalized name. */
    private final Map<String, Select> ctes = new HashMap<>();

    QueryBlock(QueryBlock parent, String description) {
        this.parent = parent;
        this.description = description;
    }

    void declareCte(String name, Select body) {
        ctes.put(name, body);
    }

    /** The CTE an unqualified table name refers to, here or in an enclosing block, or null. */
    Select cte(String name) {
        for (QueryBlock block = this; block != null; block = block.parent) {
            Select body = block.ctes.get(name);
            if (body != null) {
                return body;
            }
        }
        return null;
    }

    Binding add(Binding binding) {
        bindings.add(binding);
        return binding;
    }

    List<Binding> tenantBindings() {
        return bindings.stream().filter(binding -> binding.tenant).toList();
    }

    /** The binding of this block that a qualifier names, or null. */
    Binding find(Table qualifier) {
        for (Binding binding : bindings) {
            if (binding.isNamedBy(qualifier)) {
                return binding;
            }
        }
        return null;
    }

    /** The binding a qualifier names in this block or, for a correlated reference, an enclosing one. */
    Binding findVisible(Table qualifier) {
        for (QueryBlock block = this; block != null; block = block.parent) {
            Binding binding = block.find(qualifier);
            if (binding != null) {
                return binding;
            }
        }
        return null;
    }
}
