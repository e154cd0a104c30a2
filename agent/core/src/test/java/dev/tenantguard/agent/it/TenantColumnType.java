package dev.tenantguard.agent.it;

import java.util.ArrayList;
import java.util.List;
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
    // acme's sorts before globex's, as the text tenants do, so that ordered outcomes read the same
    UUID("UUID", "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", "9c5b94b1-35ad-49bb-b118-8e8fc24abf80");

    private static final Pattern TENANT = Pattern.compile("\\b(acme|globex)\\b");
    private static final Pattern QUOTED_TENANT = Pattern.compile("('{1,2})(acme|globex)\\1");

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
        if (this == TEXT) {
            return text;
        }
        Matcher matcher = TENANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(tenant(matcher.group(1))));
        }
        return matcher.appendTail(out).toString();
    }

    private String sql(String sql) {
        // BIGINT literals go unquoted, as an application writes a number; UUIDs stay quoted strings
        // a literal inside a string of SQL (dynamic SQL) is quoted by doubled quotes, and keeps them
        Matcher matcher = QUOTED_TENANT.matcher(sql.replace("VARCHAR(64)", sqlType));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String quote = this == UUID ? matcher.group(1) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(quote + tenant(matcher.group(2)) + quote));
        }
        return matcher.appendTail(out).toString();
    }

    private String binds(String binds) {
        List<String> groups = new ArrayList<>();
        for (String group : binds.split(";", -1)) {
            String[] values = group.split(",", -1);
            for (int i = 0; i < values.length; i++) {
                String value = values[i].substring(values[i].indexOf(':') + 1);
                if (value.equals("acme") || value.equals("globex")) {
                    // a setter the step names is kept: the same tenant bound as text, or through a stream
                    String setter = values[i].contains(":") ? values[i].substring(0, values[i].indexOf(':') + 1)
                            : this == BIGINT ? "l:" : "ou:";
                    values[i] = setter + tenant(value);
                }
            }
            groups.add(String.join(",", values));
        }
        return String.join(";", groups);
    }
}
