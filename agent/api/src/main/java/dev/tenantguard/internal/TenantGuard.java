package dev.tenantguard.internal;

/**
 * What {@link TenantHooks} calls into: the agent's validation of tenant ids and its audit of
 * privileged blocks, installed once at start. Implemented in the agent (system class loader).
 */
public interface TenantGuard {
    /**
     * Validates a tenant id being opened on this thread against the policy's pattern; throws
     * {@code TenantBoundaryViolation} (kind INVALID_TENANT) to refuse it.
     */
    void tenantOpened(String tenant, ThreadState state);

    /**
     * Work handed over to this thread as tenant {@code bound} (a task, a new thread) opens
     * {@code tenant} outside {@code privileged}: records a {@code TENANT_SWITCH}, and throws
     * {@code TenantBoundaryViolation} to refuse it.
     */
    void switched(String tenant, String bound, ThreadState state);

    /** Records the entry into a privileged block (an audit event, not a violation). */
    void privilegedEntered(String reason);
}
