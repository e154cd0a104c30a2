package dev.tenantguard.api;

import dev.tenantguard.internal.ThreadState;

/**
 * An open tenant scope; {@link #close()} restores the tenant that was current before it was
 * opened. Close it on the thread that opened it, ideally with try-with-resources.
 */
public final class TenantScope implements AutoCloseable {
    private final ThreadState state;
    private final String previous;
    private final Throwable previousOpenSite;
    private boolean closed;

    TenantScope(ThreadState state, String previous, Throwable previousOpenSite) {
        this.state = state;
        this.previous = previous;
        this.previousOpenSite = previousOpenSite;
    }

    /** Restores the previous tenant. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            state.tenant = previous;
            state.openSite = previousOpenSite;
        }
    }
}
