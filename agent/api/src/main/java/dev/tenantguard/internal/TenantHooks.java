package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;

/**
 * Static entry points called by the tenant API itself: a tenant being opened (validated against the
 * policy's pattern) and a privileged block being entered (audited).
 */
public final class TenantHooks {
    private static volatile TenantGuard guard;
    private static boolean installed;

    private TenantHooks() {
    }

    /**
     * Installs the agent's tenant checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, TenantGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the tenant guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** The agent's self-test: a probe guard (or {@code null}) before {@link #install}; refused after it. */
    public static synchronized void probe(AgentKey key, TenantGuard g) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the tenant guard is installed; refused");
        }
        guard = g;
    }

    /**
     * {@code TenantContext.open}: validates {@code tenant} (and, inside a request, refuses a switch),
     * then makes it current. Returns the scope's frame for {@link #close}.
     */
    public static ScopeFrame open(String tenant) {
        tenantOpened(tenant);
        ThreadState state = ThreadState.current();
        ScopeFrame frame = new ScopeFrame(state, state.scopeTop, state.tenant, state.openSite);
        state.scopeTop = frame;
        state.tenant = tenant;
        // only after a context leak was seen: a stack trace per open is too dear for every open
        state.openSite = ContextHooks.tracksOpenSites ? new Throwable("tenant scope opened") : null;
        return frame;
    }

    /**
     * {@code TenantScope.close}: scopes close in stack order. Closing the innermost scope restores
     * what was current when it opened; closing an outer one closes the scopes opened inside it with
     * it (they were left open). A scope already closed — itself, or with an outer one — or one that
     * is not open on the calling thread (another thread's, or one its task left behind) changes
     * nothing: a closed tenant is never revived.
     */
    public static void close(ScopeFrame frame) {
        if (frame == null || frame.closed) {
            return;
        }
        ThreadState state = ThreadState.current();
        if (frame.state != state || !open(state, frame)) {
            return;
        }
        for (ScopeFrame inner = state.scopeTop; inner != frame; inner = inner.parent) {
            inner.closed = true;
        }
        frame.closed = true;
        state.scopeTop = frame.parent;
        state.tenant = frame.previous;
        state.openSite = frame.previousOpenSite;
    }

    private static boolean open(ThreadState state, ScopeFrame frame) {
        for (ScopeFrame f = state.scopeTop; f != null; f = f.parent) {
            if (f == frame) {
                return true;
            }
        }
        return false;
    }

    /** Validates a tenant being opened, before it becomes current. */
    private static void tenantOpened(String tenant) {
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
                AgentErrors.internalError("context", "TenantHooks.tenantOpened", t);
            } finally {
                s.busy = false;
            }
        }
        if (s.inboundDepth > 0) {
            InboundHooks.opened(tenant, s);
        } else if (s.boundTenant != null && s.privileged == 0 && !tenant.equals(s.boundTenant)) {
            switched(g, tenant, s);
        }
    }

    /** Work handed over as one tenant opens another, outside a request (whose own check applies). */
    private static void switched(TenantGuard g, String tenant, ThreadState s) {
        s.busy = true;
        try {
            g.switched(tenant, s.boundTenant, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("context", "TenantHooks.switched", t);
        } finally {
            s.busy = false;
        }
    }

    /** {@code TenantContext.privileged} on entry: audited, then the thread is privileged until {@link #privilegedExited}. */
    public static void privilegedEntered(String reason) {
        audit(reason);
        ThreadState.current().privileged++;
    }

    /** {@code TenantContext.privileged} on exit. */
    public static void privilegedExited() {
        ThreadState s = ThreadState.current();
        if (s.privileged > 0) {
            s.privileged--;
        }
    }

    private static void audit(String reason) {
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
