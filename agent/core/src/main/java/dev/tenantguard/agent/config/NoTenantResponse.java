package dev.tenantguard.agent.config;

/** What a tenant-owned resource touched with no tenant in context gets ({@code noTenant}). */
public enum NoTenantResponse {
    ENFORCE,
    REPORT,
    /** Let the call run and record nothing. */
    ALLOW
}
