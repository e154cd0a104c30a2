package com.example.clinic;

/**
 * Hibernate 6.6's {@code @TenantId} adds the tenant to entity queries, to loads by id and to
 * {@code @ManyToOne} loads, but not to the loads of a collection nor to its fetch join: those select
 * the rows that point at the parent ({@code where pet_id = ?}), whatever their tenant. Each
 * tenant-owned collection therefore names {@code @TenantId}'s own filter (enabled by Hibernate in
 * every session of a tenant), so that the tenant is in the SQL: a row of another tenant that points
 * at this tenant's entity is not loaded, and tenant-guard can see that each query is scoped.
 */
final class TenantFilter {
    /** The filter {@code @TenantId} defines ({@code TenantIdBinder.FILTER_NAME}). */
    static final String NAME = "_tenantId";
    /** Its parameter is {@code tenantId}, set by Hibernate to the session's tenant. */
    static final String CONDITION = "tenant_id = :tenantId";

    private TenantFilter() {
    }
}
