package dev.tenantguard.internal;

/**
 * A {@link Runnable} handed to an executor with a tenant in context: runs the task with that
 * context, then puts the worker back as it was (and reports a scope the task left open).
 */
public final class ContextTask extends CapturedContext implements Runnable {
    private final Runnable task;

    ContextTask(Runnable task, String tenant, int privileged) {
        super(tenant, privileged);
        this.task = task;
    }

    @Override
    public void run() {
        ThreadState s = ThreadState.current();
        String previousTenant = s.tenant;
        int previousPrivileged = s.privileged;
        Throwable previousSite = s.openSite;
        String previousBound = s.boundTenant;
        ScopeFrame previousTop = s.scopeTop;
        applyTo(s);
        try {
            task.run();
        } finally {
            ContextHooks.ended(s, tenant, previousTenant, previousPrivileged, previousSite, previousBound, previousTop,
                    task);
        }
    }

    /** The task's own text: executors and their users print tasks. */
    @Override
    public String toString() {
        return task.toString();
    }
}
