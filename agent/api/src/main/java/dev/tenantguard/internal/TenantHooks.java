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
        ScopeFrame frame = new ScopeFrame(state, state.tenant, state.openSite);
        state.tenant = tenant;
        // only after a context leak was seen: a stack trace per open is too dear for every open
        state.openSite = ContextHooks.tracksOpenSites ? new Throwable("tenant scope opened") : null;
        return frame;
    }

    /** {@code TenantScope.close}: restores what was current when {@code frame} was opened; once. */
    public static void close(ScopeFrame frame) {
        if (frame != null && !frame.closed) {
            frame.closed = true;
            frame.state.tenant = frame.previous;
            frame.state.openSite = frame.previousOpenSite;
        }
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
