package dev.tenantguard.internal;

/** The agent's side of context propagation, behind {@link ContextHooks}: leak reports. */
public interface ContextGuard {
    /**
     * A unit of work ended with {@code tenant} still in context: a scope it opened and did not
     * close. Must record it and return; never throw (this runs on a pool thread).
     *
     * @param thread   the thread the work ran on
     * @param task     the task (for its class), or {@code null}
     * @param openSite where the scope was opened, or {@code null} when not recorded
     */
    void leak(String tenant, Thread thread, Object task, Throwable openSite);
}
