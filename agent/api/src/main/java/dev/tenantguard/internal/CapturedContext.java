package dev.tenantguard.internal;

/**
 * The tenant context of a thread at the moment it handed work to another thread: the tenant and
 * whether a privileged block was open. Immutable; one per task submitted with a tenant in context,
 * none without.
 */
public class CapturedContext {
    /** The captured tenant, or {@code null}. */
    final String tenant;
    /** 1 when captured inside a privileged block, else 0: the work handed over is part of the block. */
    final int privileged;

    CapturedContext(String tenant, int privileged) {
        this.tenant = tenant;
        this.privileged = privileged;
    }

    /** The context of {@code state}, or {@code null} when it has neither tenant nor privileged block. */
    static CapturedContext of(ThreadState state) {
        return state.tenant == null && state.privileged == 0 ? null
                : new CapturedContext(state.tenant, state.privileged > 0 ? 1 : 0);
    }

    static boolean hasContext(ThreadState state) {
        return state.tenant != null || state.privileged != 0;
    }

    /** Makes this context current on {@code state}; the caller has saved what was there. */
    final void applyTo(ThreadState state) {
        state.tenant = tenant;
        state.privileged = privileged;
        state.openSite = null;
        state.boundTenant = tenant;
        state.scopeTop = null; // the scopes of whatever ran before are not the task's to close
    }
}
