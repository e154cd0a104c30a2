package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;

/**
 * Entry points of the inbound advice (servlets, filters, the JDK HttpServer's filter chain). Only
 * the outermost entry of a request on a thread opens its scope; nested entries (the next filter,
 * the servlet) cost one thread-local read and a counter. The scope closes when the outermost entry
 * returns or throws. A failure inside the agent never reaches the application's request.
 */
public final class InboundHooks {
    private static volatile InboundGuard guard;
    private static boolean installed;

    private InboundHooks() {
    }

    /**
     * Installs the agent's inbound checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, InboundGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the inbound guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** The agent's self-test: a probe guard (or {@code null}) before {@link #install}; refused after it. */
    public static synchronized void probe(AgentKey key, InboundGuard g) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the inbound guard is installed; refused");
        }
        guard = g;
    }

    /** Enter of a servlet's {@code service}, a filter's {@code doFilter}, or an HttpServer chain. */
    public static ThreadState enter(Object request) {
        InboundGuard g = guard;
        if (g == null || request == null) {
            return null;
        }
        ThreadState s = ThreadState.current();
        if (s.inboundDepth > 0) {
            s.inboundDepth++;
            if (s.tenant == null && !s.busy && g.readsMdc()) {
                nested(g, s);
            }
            return s;
        }
        if (s.busy) {
            return null; // the agent's own work: no scope, and none to close
        }
        s.inboundDepth = 1;
        s.scopeTopBeforeRequest = s.scopeTop;
        s.busy = true;
        try {
            g.requestStarted(request, s);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
        return s;
    }

    /** Enter of a {@link RequestTask} on the thread that runs it. */
    static ThreadState taskEnter(String tenant) {
        InboundGuard g = guard;
        ThreadState s = ThreadState.current();
        if (g == null || s.busy) {
            return null;
        }
        if (s.inboundDepth++ > 0) {
            return s; // run inline inside the request: its scope already holds the tenant
        }
        s.scopeTopBeforeRequest = s.scopeTop;
        s.busy = true;
        try {
            g.taskStarted(tenant, s);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
        return s;
    }

    /** Exit of what {@link #enter} entered; runs also when the request threw. */
    public static void exit(ThreadState s) {
        if (s == null || s.inboundDepth <= 0 || --s.inboundDepth > 0) {
            return;
        }
        // scopes the request left open are not the next request's: they end with it
        s.scopeTop = s.scopeTopBeforeRequest;
        s.scopeTopBeforeRequest = null;
        InboundGuard g = guard;
        if (g == null || s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.requestEnded(s);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
    }

    /** {@code AsyncContext.start(task)}: the task to run instead, carrying the request's tenant. */
    public static Runnable asyncTask(Object asyncContext, Runnable task) {
        InboundGuard g = guard;
        if (g == null || task == null || task instanceof RequestTask) {
            return task;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return task;
        }
        s.busy = true;
        try {
            return g.asyncTask(asyncContext, task);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
            return task;
        } finally {
            s.busy = false;
        }
    }

    /** Called by {@link Hooks#tenantOpened} inside a request scope, before {@code tenant} becomes current. */
    static void opened(String tenant, ThreadState s) {
        InboundGuard g = guard;
        if (g == null) {
            return;
        }
        s.busy = true;
        try {
            g.opened(tenant, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("context", "InboundHooks.opened", t);
        } finally {
            s.busy = false;
        }
    }

    private static void nested(InboundGuard g, ThreadState s) {
        s.busy = true;
        try {
            g.nestedEntry(s);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
    }
}
