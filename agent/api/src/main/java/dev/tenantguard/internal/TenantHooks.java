package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;

/**
 * Static entry points called by the tenant API itself: a tenant being opened (validated against the
 * policy's pattern) and a privileged block being entered (audited).
 */
public final class TenantHooks {
    private static volatile TenantGuard guard;

    private TenantHooks() {
    }

    /** Installs the agent's tenant guard; {@code null} turns every hook into a no-op. */
    public static void install(TenantGuard g) {
        guard = g;
    }

    /** Called by {@code TenantContext.open} before the tenant becomes current. */
    public static void tenantOpened(String tenant) {
        TenantGuard g = guard;
        if (g == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return;
        }
        if (tenant != s.lastValidTenant) {
            s.busy = true;
            try {
                g.tenantOpened(tenant, s);
            } catch (TenantBoundaryViolation v) {
                throw v;
            } catch (Throwable t) {
                AgentErrors.internalError(t);
            } finally {
                s.busy = false;
            }
        }
        if (s.inboundDepth > 0) {
            InboundHooks.opened(tenant, s);
        }
    }

    /** Called by {@code TenantContext.privileged} on entry. */
    public static void privilegedEntered(String reason) {
        TenantGuard g = guard;
        if (g == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.privilegedEntered(reason);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
    }
}
