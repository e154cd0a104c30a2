package dev.tenantguard.agent.check;

import dev.tenantguard.bootstrap.Guard;
import dev.tenantguard.bootstrap.ThreadState;

/** The {@link Guard} the agent installs: the policy's checkers behind the bootstrap hooks. */
public final class PolicyGuard implements Guard {
    private final FileAccessChecker files;
    private final TenantIdValidator tenantIds;
    private final BoundaryEnforcer enforcer;

    /** @param files the file checker, or {@code null} when files are not guarded */
    public PolicyGuard(FileAccessChecker files, TenantIdValidator tenantIds, BoundaryEnforcer enforcer) {
        this.files = files;
        this.tenantIds = tenantIds;
        this.enforcer = enforcer;
    }

    @Override
    public boolean coversFile(String path) {
        return files != null && files.covers(path);
    }

    @Override
    public void checkFile(String path, int op, ThreadState state) {
        files.check(path, op, state);
    }

    @Override
    public void tenantOpened(String tenant, ThreadState state) {
        tenantIds.check(tenant, state);
    }

    @Override
    public void privilegedEntered(String reason) {
        enforcer.privileged(reason, ThreadState.current().tenant);
    }
}
