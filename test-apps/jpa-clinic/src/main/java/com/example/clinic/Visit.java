package com.example.clinic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A visit of a pet to the clinic, OPEN until it is closed (billed). */
@Entity
@Table(name = "jc_visits")
public class Visit {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "jc_visits_seq")
    @SequenceGenerator(name = "jc_visits_seq", sequenceName = "jc_visits_seq", allocationSize = 50)
    private Long id;

    @TenantId
    @Column(name = "tenant_id")
    private String tenantId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "pet_id")
    private Pet pet;

    private String reason;

    private long costCents;

    private String status = "OPEN";

    protected Visit() {
    }

    Visit(Pet pet, String reason, long costCents) {
        this.pet = pet;
        this.reason = reason;
        this.costCents = costCents;
    }

    public Long getId() {
        return id;
    }

    @JsonIgnore
    public Pet getPet() {
        return pet;
    }

    public String getReason() {
        return reason;
    }

    public long getCostCents() {
        return costCents;
    }

    public String getStatus() {
        return status;
    }
}
