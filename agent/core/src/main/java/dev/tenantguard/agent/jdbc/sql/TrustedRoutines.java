package dev.tenantguard.agent.jdbc.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The routines of {@code jdbc.trustedRoutines}, each with the arguments that carry a tenant. A policy
 * entry is a name ({@code purge_sessions}, {@code billing.close_month}): an audited routine that takes
 * no tenant argument, whose calls are allowed with any arguments; or a name with its argument list,
 * one word per argument, {@code tenant} for an argument that names the tenant and {@code _} for any
 * other ({@code delete_order(tenant, _)}): a call must then give exactly that many arguments, by
 * position, and each tenant argument must be a literal or a {@code ?} that equals the current tenant.
 */
final class TrustedRoutines {
    /** Routines that take no tenant argument. */
    static final int[] NO_TENANT_ARGUMENT = new int[0];

    /** Lower-case name as written (name or schema.name) to its declaration. */
    private final Map<String, Declaration> routines = new HashMap<>();
    /** The unqualified names of the routines with a tenant argument. */
    private final List<String> takingTenant = new ArrayList<>();

    /**
     * @param arity           how many arguments a call must give, or -1 when the entry has no list
     * @param tenantArguments 0-based positions of the arguments that carry the tenant
     */
    record Declaration(String name, int arity, int[] tenantArguments) {
        boolean takesTenant() {
            return tenantArguments.length > 0;
        }

        boolean isTenantArgument(int position) {
            for (int tenant : tenantArguments) {
                if (tenant == position) {
                    return true;
                }
            }
            return false;
        }
    }

    TrustedRoutines(Collection<String> entries) {
        for (String entry : entries) {
            Declaration declaration = parse(entry);
            routines.put(declaration.name(), declaration);
            if (declaration.takesTenant()) {
                takingTenant.add(declaration.name().substring(declaration.name().lastIndexOf('.') + 1));
            }
        }
    }

    /** The unqualified names of the routines that take a tenant argument: a text that calls one names them. */
    List<String> takingTenant() {
        return takingTenant;
    }

    /** Whether a lower-case text may call a routine with a tenant argument (whose literals then decide). */
    boolean mayCallOneTakingTenant(String lowerCaseText) {
        for (String name : takingTenant) {
            if (lowerCaseText.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** The declaration of {@code name} (normalized, maybe schema-qualified), or {@code null} when not trusted. */
    Declaration find(String name) {
        Declaration exact = routines.get(name);
        return exact != null ? exact : routines.get(name.substring(name.lastIndexOf('.') + 1));
    }

    /** Reads an entry the policy has validated: {@code name}, {@code schema.name}, optionally {@code (tenant, _, …)}. */
    static Declaration parse(String entry) {
        String text = entry.strip().toLowerCase(Locale.ROOT);
        int open = text.indexOf('(');
        if (open < 0) {
            return new Declaration(text, -1, NO_TENANT_ARGUMENT);
        }
        String name = text.substring(0, open).strip();
        String list = text.substring(open + 1, text.lastIndexOf(')')).strip();
        if (list.isEmpty()) {
            return new Declaration(name, 0, NO_TENANT_ARGUMENT);
        }
        String[] arguments = list.split(",");
        int tenants = 0;
        for (String argument : arguments) {
            tenants += argument.strip().equals("tenant") ? 1 : 0;
        }
        int[] positions = new int[tenants];
        for (int i = 0, n = 0; i < arguments.length; i++) {
            if (arguments[i].strip().equals("tenant")) {
                positions[n++] = i;
            }
        }
        return new Declaration(name, arguments.length, positions);
    }
}
