package dev.tenantguard.internal;

/**
 * One open tenant scope of a thread ({@code TenantContext.open}); made and closed by
 * {@link TenantHooks} only. Frames form a stack per thread ({@link ThreadState#scopeTop}).
 */
public final class ScopeFrame {
    final ThreadState state;
    /** The frame that was innermost when this one opened. */
    final ScopeFrame parent;
    final String previous;
    final Throwable previousOpenSite;
    boolean closed;

    ScopeFrame(ThreadState state, ScopeFrame parent, String previous, Throwable previousOpenSite) {
        this.state = state;
        this.parent = parent;
        this.previous = previous;
        this.previousOpenSite = previousOpenSite;
    }
}
