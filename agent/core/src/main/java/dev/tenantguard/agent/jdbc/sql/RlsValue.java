package dev.tenantguard.agent.jdbc.sql;

import java.util.Objects;

/**
 * A value assigned to the PostgreSQL row-level-security setting ({@code jdbc.rlsSetting}) by
 * {@code set_config('app.tenant', …)} or {@code SET app.tenant = …}; it must equal the current tenant.
 * Exactly one of {@link #literal()} and {@link #parameterIndex()} is given.
 *
 * @param setting        the setting name, lower case
 * @param literal        the literal value, or {@code null} when the value is a JDBC parameter
 * @param parameterIndex the 1-based JDBC parameter index, or 0 when the value is a literal
 */
public record RlsValue(String setting, String literal, int parameterIndex) {
    public RlsValue {
        Objects.requireNonNull(setting, "setting");
        if ((literal == null) == (parameterIndex < 1)) {
            throw new IllegalArgumentException("give either a literal or a parameter index");
        }
    }

    static RlsValue ofLiteral(String setting, String literal) {
        return new RlsValue(setting, literal, 0);
    }

    static RlsValue ofParameter(String setting, int index) {
        return new RlsValue(setting, null, index);
    }

    /** Whether the value is bound at run time (check it at execute) rather than written in the SQL. */
    public boolean isParameter() {
        return literal == null;
    }
}
