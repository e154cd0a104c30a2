package dev.tenantguard.agent.check;

import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.internal.ThreadState;
import java.util.regex.Pattern;

/**
 * Checks tenant ids opened through {@code TenantContext.open} against {@code tenant.pattern}. The
 * last valid id is remembered per thread, so re-opening the same tenant costs no regex.
 */
public final class TenantIdValidator {
    private final Pattern pattern;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final AgentKey key;

    public TenantIdValidator(String pattern, Mode mode, BoundaryEnforcer enforcer, AgentKey key) {
        this.pattern = Pattern.compile(pattern);
        this.mode = mode;
        this.enforcer = enforcer;
        this.key = key;
    }

    public void check(String tenant, ThreadState state) {
        if (pattern.matcher(tenant).matches()) {
            state.lastValidTenant(key, tenant);
            return;
        }
        enforcer.invalidTenant(mode, tenant, pattern.pattern(), state.tenant());
    }
}
