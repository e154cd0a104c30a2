package dev.tenantguard.agent.check;

import dev.tenantguard.internal.TenantGuard;
import dev.tenantguard.internal.ThreadState;

/**
 * The {@link TenantGuard} the agent installs whatever families it guards: every tenant id the
 * application opens is validated against the policy's pattern, and every privileged block is
 * audited.
 */
public final class TenantLifecycle implements TenantGuard {
    private final TenantIdValidator tenantIds;
    private final BoundaryEnforcer enforcer;

    public TenantLifecycle(TenantIdValidator tenantIds, BoundaryEnforcer enforcer) {
        this.tenantIds = tenantIds;
        this.enforcer = enforcer;
    }

    @Override
    public void tenantOpened(String tenant, ThreadState state) {
        tenantIds.check(tenant, state);
    }

    @Override
    public void privilegedEntered(String reason) {
        enforcer.privileged(reason, ThreadState.current().tenant());
    }
}
