package dev.tenantguard.internal;

import java.util.concurrent.Callable;

/** The {@link Callable} form of {@link ContextTask}. */
public final class ContextCallable<V> extends CapturedContext implements Callable<V> {
    private final Callable<V> task;

    ContextCallable(Callable<V> task, String tenant, int privileged) {
        super(tenant, privileged);
        this.task = task;
    }

    @Override
    public V call() throws Exception {
        ThreadState s = ThreadState.current();
        String previousTenant = s.tenant;
        int previousPrivileged = s.privileged;
        Throwable previousSite = s.openSite;
        String previousBound = s.boundTenant;
        ScopeFrame previousTop = s.scopeTop;
        applyTo(s);
        try {
            return task.call();
        } finally {
            ContextHooks.ended(s, tenant, previousTenant, previousPrivileged, previousSite, previousBound, previousTop,
                    task);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
