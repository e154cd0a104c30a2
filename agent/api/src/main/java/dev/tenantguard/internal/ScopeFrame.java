package dev.tenantguard.internal;

/** One open tenant scope of a thread ({@code TenantContext.open}); made and closed by {@link TenantHooks} only. */
public final class ScopeFrame {
    final ThreadState state;
    final String previous;
    final Throwable previousOpenSite;
    boolean closed;

    ScopeFrame(ThreadState state, String previous, Throwable previousOpenSite) {
        this.state = state;
        this.previous = previous;
        this.previousOpenSite = previousOpenSite;
    }
}
