package com.example.clinic;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Visits; the native queries and bulk updates are written by hand, so the tenant is up to their author. */
public interface VisitRepository extends JpaRepository<Visit, Long> {

    /** Native SQL bypasses Hibernate's tenant filter: this one names the tenant itself. */
    @Query(value = "SELECT count(*) FROM jc_visits WHERE tenant_id = :tenant AND status = 'OPEN'", nativeQuery = true)
    long countOpen(@Param("tenant") String tenant);

    /** PLANTED BUG: native SQL without the tenant predicate sums every tenant's open visits. */
    @Query(value = "SELECT coalesce(sum(cost_cents), 0) FROM jc_visits WHERE status = 'OPEN'", nativeQuery = true)
    long openRevenue();

    /** A bulk update of one pet's visits, restricted to the tenant by the query itself. */
    @Modifying
    @Query("update Visit v set v.status = 'CLOSED' where v.tenantId = :tenant and v.pet.id = :petId and v.status = 'OPEN'")
    int closeForPet(@Param("tenant") String tenant, @Param("petId") Long petId);

    /** PLANTED BUG: a bulk update with no tenant: closes every tenant's open visits of that reason. */
    @Modifying
    @Query(value = "UPDATE jc_visits SET status = 'CLOSED' WHERE reason = :reason AND status = 'OPEN'", nativeQuery = true)
    int closeAllWithReason(@Param("reason") String reason);
}
