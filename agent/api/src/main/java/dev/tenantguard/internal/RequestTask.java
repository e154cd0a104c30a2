package dev.tenantguard.internal;

/**
 * A task of an async request ({@code AsyncContext.start}) that runs with the request's tenant, in
 * a scope of its own that closes when the task ends (a tenant it leaves behind is reported).
 */
public final class RequestTask implements Runnable {
    private final Runnable task;
    private final String tenant;

    public RequestTask(Runnable task, String tenant) {
        this.task = task;
        this.tenant = tenant;
    }

    @Override
    public void run() {
        ThreadState state = InboundHooks.taskEnter(tenant);
        try {
            task.run();
        } finally {
            InboundHooks.exit(state);
        }
    }
}
