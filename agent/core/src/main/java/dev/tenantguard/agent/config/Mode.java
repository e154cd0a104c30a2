package dev.tenantguard.agent.config;

/** What the agent does with a violation of a family: block it, record it, or not look at all. */
public enum Mode {
    /** Throw {@code TenantBoundaryViolation} before the call runs (and record it). */
    ENFORCE,
    /** Record the violation and let the call run. */
    REPORT,
    /** The family is not instrumented. */
    OFF
}
