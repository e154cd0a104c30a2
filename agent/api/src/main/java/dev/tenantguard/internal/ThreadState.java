package dev.tenantguard.internal;

/**
 * Everything the agent keeps per thread, behind one {@link ThreadLocal}: a guarded call reads
 * it once. Internal: applications use {@code dev.tenantguard.api.TenantContext}.
 *
 * <p>With the agent this class is loaded by the bootstrap loader only, so the application and
 * the advice inlined into JDK classes share one instance per thread. It uses java.base alone and
 * no lambdas, so it can link while the JDK is still starting.
 */
public final class ThreadState {
    private static final ThreadLocal<ThreadState> STATE = new ThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
            ThreadState state = new ThreadState();
            // a thread started with a tenant in context picks it up on its first read
            TaskContexts.adoptStarted(state);
            return state;
        }
    };

    /** The tenant of the current unit of work, or {@code null}. */
    public String tenant;
    /** How many {@code privileged} blocks are open on this thread. */
    public int privileged;
    /** True while the agent itself works on this thread: its own I/O is never checked. */
    public boolean busy;
    /** The last tenant id this thread opened that the agent found valid: skips re-validating it. */
    public String lastValidTenant;
    /** Depth of guarded file calls: only the outermost one of a nested chain is checked. */
    public int fileDepth;
    /** Depth of guarded JDBC calls: a driver or pool calling itself is one logical call. */
    public int jdbcDepth;
    /**
     * Depth of executor calls on this thread (submit, execute, a pool adding a worker): threads
     * started inside them are pool workers, which must not inherit the tenant of the submitter.
     */
    public int submitting;
    /**
     * Where the current tenant scope was opened, recorded only once a context leak has been seen
     * ({@link ContextHooks#tracksOpenSites}); else {@code null}.
     */
    public Throwable openSite;
    /** Depth of inbound request entries (servlet, filter, HttpServer chain): the outermost owns the request scope. */
    public int inboundDepth;
    /** The tenant the request scope on this thread set, or {@code null} (none, or no request). */
    public String requestTenant;
    /** The tenant this thread had before the request scope opened: restored when it closes. */
    public String tenantBeforeRequest;
    /** The request of the open request scope (a servlet request or an HttpExchange), or {@code null}. */
    public Object request;
    /** Whether the request scope put the tenant into the application's MDC. */
    public boolean requestMdc;
    /** The last tenant scope the application opened inside the request, and where (for a leak report). */
    public Object scopeOrigin;

    private ThreadState() {
    }

    /** The state of the calling thread (created on first use). */
    public static ThreadState current() {
        return STATE.get();
    }
}
