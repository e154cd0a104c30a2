package dev.tenantguard.agent.check;

import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.TenantGuard;
import dev.tenantguard.internal.ThreadState;

/**
 * The {@link TenantGuard} the agent installs whatever families it guards: every tenant id the
 * application opens is validated against the policy's pattern, work handed over as one tenant may
 * not open another outside {@code privileged} ({@code TENANT_SWITCH}), and every privileged block is
 * audited.
 */
public final class TenantLifecycle implements TenantGuard {
    private final TenantIdValidator tenantIds;
    private final BoundaryEnforcer enforcer;
    private final Mode mode;

    /** @param mode the policy's {@code mode}: whether a tenant switch of handed-over work is blocked */
    public TenantLifecycle(TenantIdValidator tenantIds, BoundaryEnforcer enforcer, Mode mode) {
        this.tenantIds = tenantIds;
        this.enforcer = enforcer;
        this.mode = mode;
    }

    @Override
    public void tenantOpened(String tenant, ThreadState state) {
        tenantIds.check(tenant, state);
    }

    @Override
    public void switched(String tenant, String bound, ThreadState state) {
        enforcer.violation(mode, ViolationKind.TENANT_SWITCH, "context", "OPEN",
                "a task on thread " + Thread.currentThread().getName(), tenant, bound, "task tenant " + bound, null);
    }

    @Override
    public void privilegedEntered(String reason) {
        enforcer.privileged(reason, ThreadState.current().tenant());
    }
}
