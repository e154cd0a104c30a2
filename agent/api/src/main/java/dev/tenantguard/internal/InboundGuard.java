package dev.tenantguard.internal;

/**
 * The agent's inbound side, behind {@link InboundHooks}: derives a request's tenant and opens and
 * closes its scope. Requests are {@code Object} because their types (servlet API, HttpServer) live
 * in loaders this one cannot see; the agent reads them reflectively.
 */
public interface InboundGuard {

    /** The outermost entry of a request on this thread: derives its tenant and opens its scope. */
    void requestStarted(Object request, ThreadState state);

    /** A task of an async request ({@code AsyncContext.start}) starts on this thread with {@code tenant}. */
    void taskStarted(String tenant, ThreadState state);

    /** The outermost entry returned (or threw): reports a tenant left behind, restores the thread. */
    void requestEnded(ThreadState state);

    /** A nested entry of a request that has no tenant yet: a filter may have put one into the MDC. */
    void nestedEntry(ThreadState state);

    /** Whether {@link #nestedEntry} can find anything (a {@code tenant.mdcKey} is set). */
    boolean readsMdc();

    /**
     * Code inside a request opens {@code tenant}: throws to refuse a switch to another tenant than
     * the request's, else remembers where, for a leak report.
     */
    void opened(String tenant, ThreadState state);

    /**
     * {@code AsyncContext.start(task)}: returns the task to run in its place, one that carries the
     * request's tenant, or {@code task} itself when the request has none.
     */
    Runnable asyncTask(Object asyncContext, Runnable task);
}
