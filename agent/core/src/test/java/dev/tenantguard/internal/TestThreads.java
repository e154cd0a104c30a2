package dev.tenantguard.internal;

/**
 * For unit tests without the agent (this package, the same loader as the API jar): the agent's key
 * and direct access to the thread state that the application cannot write.
 */
public final class TestThreads {
    public static final AgentKey KEY = AgentKey.KEY;

    private TestThreads() {
    }

    /** The calling thread's state, back to that of a new thread. */
    public static ThreadState reset() {
        ThreadState s = ThreadState.current();
        s.tenant = null;
        s.privileged = 0;
        s.busy = false;
        s.fileDepth = 0;
        s.jdbcDepth = 0;
        s.inboundDepth = 0;
        s.openSite = null;
        s.boundTenant = null;
        s.scopeTop = null;
        s.scopeTopBeforeRequest = null;
        s.requestTenant = null;
        s.tenantBeforeRequest = null;
        s.request = null;
        s.requestMdc = false;
        s.scopeOrigin = null;
        return s;
    }

    public static void privileged(ThreadState s, int depth) {
        s.privileged = depth;
    }
}
