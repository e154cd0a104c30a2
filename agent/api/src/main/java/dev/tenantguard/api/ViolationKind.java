package dev.tenantguard.api;

/** Why a guarded call crossed a tenant boundary. */
public enum ViolationKind {
    /** The resource belongs to another tenant than the current one. */
    CROSS_TENANT,
    /** The resource belongs to a tenant, and no tenant is in context. */
    NO_TENANT,
    /** SQL reads or writes a tenant table without restricting its tenant column to the current tenant. */
    UNSCOPED_QUERY,
    /** A tenant id that does not match the policy's {@code tenant.pattern} was opened. */
    INVALID_TENANT,
    /**
     * A tenant was still in context when its unit of work ended: on a pool thread after the task, or
     * on a request thread after the request. The next task or request would have run as that tenant.
     */
    CONTEXT_LEAK,
    /** Code inside a request of one tenant switched to another tenant outside {@code privileged}. */
    TENANT_SWITCH,
    /**
     * What the call would reach could not be established (a path whose real location cannot be
     * resolved, a host that cannot be read unambiguously): unknown is not allowed.
     */
    NOT_VERIFIED
}
