package dev.tenantguard.internal;

/**
 * Everything the agent keeps per thread, behind one {@link ThreadLocal}: a guarded call reads
 * it once. Internal: applications use {@code dev.tenantguard.api.TenantContext}.
 *
 * <p>With the agent this class is loaded by the bootstrap loader only, so the application and
 * the advice inlined into JDK classes share one instance per thread. It uses java.base alone and
 * no lambdas, so it can link while the JDK is still starting.
 *
 * <p>The fields that decide checks are package-private: the hooks of this package write them
 * directly; the agent, in another loader, writes them only through the setters that take its
 * {@link AgentKey}; the application reads them through getters and changes the tenant only through
 * {@code TenantContext} — with the validation and the switch checks that go with it.
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
    String tenant;
    /** How many {@code privileged} blocks are open on this thread. */
    int privileged;
    /** True while the agent itself works on this thread: its own I/O is never checked. */
    boolean busy;
    /** The last tenant id this thread opened that the agent found valid: skips re-validating it. */
    String lastValidTenant;
    /** Depth of guarded file calls: only the outermost one of a nested chain is checked. */
    int fileDepth;
    /** Depth of guarded JDBC calls: a driver or pool calling itself is one logical call. */
    int jdbcDepth;
    /**
     * Depth of executor calls on this thread (submit, execute, a pool adding a worker): threads
     * started inside them are pool workers, which must not inherit the tenant of the submitter.
     */
    int submitting;
    /**
     * Where the current tenant scope was opened, recorded only once a context leak has been seen
     * ({@link ContextHooks#tracksOpenSites}); else {@code null}.
     */
    Throwable openSite;
    /**
     * The tenant the unit of work running on this thread was handed over with (a task, a new
     * thread), or {@code null}: opening another tenant outside {@code privileged} is a switch.
     */
    String boundTenant;
    /** The innermost open tenant scope of this thread, or {@code null}: scopes close in stack order. */
    ScopeFrame scopeTop;
    /** {@link #scopeTop} when the request scope opened: put back when it closes. */
    ScopeFrame scopeTopBeforeRequest;
    /** Depth of inbound request entries (servlet, filter, HttpServer chain): the outermost owns the request scope. */
    int inboundDepth;
    /** The tenant the request scope on this thread set, or {@code null} (none, or no request). */
    String requestTenant;
    /** The tenant this thread had before the request scope opened: restored when it closes. */
    String tenantBeforeRequest;
    /** The request of the open request scope (a servlet request or an HttpExchange), or {@code null}. */
    Object request;
    /** Whether the request scope put the tenant into the application's MDC. */
    boolean requestMdc;
    /** The last tenant scope the application opened inside the request, and where (for a leak report). */
    Object scopeOrigin;

    private ThreadState() {
    }

    /** The state of the calling thread (created on first use). */
    public static ThreadState current() {
        return STATE.get();
    }

    // ---- reads: anyone ----

    public String tenant() {
        return tenant;
    }

    public boolean privileged() {
        return privileged > 0;
    }

    /** How many privileged blocks are open. */
    public int privilegedDepth() {
        return privileged;
    }

    public boolean busy() {
        return busy;
    }

    public String lastValidTenant() {
        return lastValidTenant;
    }

    /** Depth of inbound request entries on this thread (0: outside a request). */
    public int inboundDepth() {
        return inboundDepth;
    }

    /** The tenant the current task or thread was handed over with, or {@code null}. */
    public String boundTenant() {
        return boundTenant;
    }

    public String requestTenant() {
        return requestTenant;
    }

    public String tenantBeforeRequest() {
        return tenantBeforeRequest;
    }

    public Object request() {
        return request;
    }

    public boolean requestMdc() {
        return requestMdc;
    }

    public Object scopeOrigin() {
        return scopeOrigin;
    }

    // ---- writes: the agent only ----

    public void tenant(AgentKey key, String value) {
        AgentKey.check(key);
        tenant = value;
    }

    public void busy(AgentKey key, boolean value) {
        AgentKey.check(key);
        busy = value;
    }

    public void lastValidTenant(AgentKey key, String value) {
        AgentKey.check(key);
        lastValidTenant = value;
    }

    /** The request scope's fields at once: opened ({@code request} set) or closed (all null). */
    public void requestScope(AgentKey key, Object request, String requestTenant, String tenantBeforeRequest,
            boolean requestMdc) {
        AgentKey.check(key);
        this.request = request;
        this.requestTenant = requestTenant;
        this.tenantBeforeRequest = tenantBeforeRequest;
        this.requestMdc = requestMdc;
    }

    public void requestTenant(AgentKey key, String value) {
        AgentKey.check(key);
        requestTenant = value;
    }

    public void requestMdc(AgentKey key, boolean value) {
        AgentKey.check(key);
        requestMdc = value;
    }

    public void scopeOrigin(AgentKey key, Object value) {
        AgentKey.check(key);
        scopeOrigin = value;
    }
}
