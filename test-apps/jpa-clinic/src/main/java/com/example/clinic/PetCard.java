package com.example.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A read-only view of a pet for printed cards and rosters, mapped on {@code jc_pets} without
 * {@code @TenantId}: Hibernate does not filter it by tenant. Every way of reaching it by key or
 * through {@link Species} without adding the tenant is a PLANTED BUG — the kind a team ships when a
 * "lightweight read model" is added beside an entity that Hibernate's multi-tenancy covers.
 */
@Entity
@Immutable
@Table(name = "jc_pets")
public class PetCard {
    @Id
    private Long id;

    @Column(name = "tenant_id")
    private String tenantId;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "species_id")
    private Species species;

    protected PetCard() {
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getTenantId() {
        return tenantId;
    }
}
