package dev.tenantguard.agent.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a contract's tenant columns: text, {@code BIGINT} or {@code UUID}. A contract writes its steps
 * and outcomes with the text tenants {@code acme} and {@code globex} in columns declared {@code VARCHAR(64)};
 * {@link #step} turns a step into the same step on a typed column (declaration, literals, the tenant of the
 * unit of work, and a bind of a tenant by the setter an application uses for that type: {@code setLong}, a
 * {@code UUID} object), and {@link #text} an expected outcome. {@code UUID} is a native type on H2, PostgreSQL
 * and MariaDB 10.7 and later (the suite's server is 10.11).
 */
enum TenantColumnType {
    TEXT("VARCHAR(64)", "acme", "globex"),
    BIGINT("BIGINT", "2", "3"),
    UUID("UUID", "6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5a", "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d");

    private static final Pattern TENANT = Pattern.compile("\\b(acme|globex)\\b");
    private static final Pattern QUOTED_TENANT = Pattern.compile("'(acme|globex)'");

    private final String sqlType;
    private final String acme;
    private final String globex;

    TenantColumnType(String sqlType, String acme, String globex) {
        this.sqlType = sqlType;
        this.acme = acme;
        this.globex = globex;
    }

    /** The tenant this type uses for the text tenant {@code acme} or {@code globex}. */
    String tenant(String textTenant) {
        return textTenant.equals("acme") ? acme : textTenant.equals("globex") ? globex : textTenant;
    }

    /** A step {@code how|tenant|sql|binds} on this type's columns; unchanged for {@link #TEXT}. */
    String step(String step) {
        if (this == TEXT) {
            return step;
        }
        String[] fields = step.split("\\|", -1);
        fields[1] = tenant(fields[1]);
        fields[2] = sql(fields[2]);
        for (int i = 3; i < fields.length; i++) {
            fields[i] = binds(fields[i]);
        }
        return String.join("|", fields);
    }

    /** An expected outcome or report text, the tenants named as this type names them. */
    String text(String text) {
        return this == TEXT ? text : replace(TENANT, text, false);
    }

    private String sql(String sql) {
        // BIGINT literals go unquoted, as an application writes a number; UUIDs stay quoted strings
        return replace(QUOTED_TENANT, sql.replace("VARCHAR(64)", sqlType), this == UUID);
    }

    private String binds(String binds) {
        java.util.List<String> groups = new java.util.ArrayList<>();
        for (String group : binds.split(";", -1)) {
            String[] values = group.split(",", -1);
            for (int i = 0; i < values.length; i++) {
                if (values[i].equals("acme") || values[i].equals("globex")) {
                    values[i] = (this == BIGINT ? "l:" : "ou:") + tenant(values[i]);
                }
            }
            groups.add(String.join(",", values));
        }
        return String.join(";", groups);
    }

    private String replace(Pattern pattern, String text, boolean quote) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String tenant = tenant(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(quote ? "'" + tenant + "'" : tenant));
        }
        return matcher.appendTail(out).toString();
    }
}
