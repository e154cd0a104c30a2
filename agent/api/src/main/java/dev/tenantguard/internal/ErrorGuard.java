package dev.tenantguard.internal;

/** The agent's answer to its own failures, behind {@link AgentErrors}: {@code onError}. */
public interface ErrorGuard {
    /**
     * The check of a call in {@code family} failed with {@code error} at {@code site} (the hook).
     * Records it as {@code INTERNAL_ERROR} (once per call site), and throws
     * {@code TenantBoundaryViolation} when the family fails closed; returns to let the call through.
     */
    void internalError(String family, String site, Throwable error);

    /** Whether {@code family} fails closed: the answer when {@link #internalError} itself fails. */
    boolean failsClosed(String family);

    /**
     * An object of a library class whose version lacks the method the agent checks it at is being
     * made ({@code resource}: the class and its jar): its calls cannot be verified. Throws
     * {@code TenantBoundaryViolation} ({@code NOT_VERIFIED}) while {@code family} enforces; records it
     * once while it reports.
     */
    void unverifiedLibrary(String family, String resource, String reason);
}
