package dev.tenantguard.api;

import dev.tenantguard.internal.ScopeFrame;
import dev.tenantguard.internal.TenantHooks;

/**
 * An open tenant scope; {@link #close()} restores the tenant that was current before it was
 * opened. Close it on the thread that opened it, ideally with try-with-resources.
 */
public final class TenantScope implements AutoCloseable {
    private final ScopeFrame frame;

    TenantScope(ScopeFrame frame) {
        this.frame = frame;
    }

    /** Restores the previous tenant. Idempotent; never throws. */
    @Override
    public void close() {
        TenantHooks.close(frame);
    }
}
