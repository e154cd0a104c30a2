package com.example.clinic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A tenant's label for pets ("vaccinated", "shy"), linked to pets through {@code jc_pet_tags}. */
@Entity
@Table(name = "jc_tags")
public class Tag {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "jc_tags_seq")
    @SequenceGenerator(name = "jc_tags_seq", sequenceName = "jc_tags_seq", allocationSize = 50)
    private Long id;

    @TenantId
    @Column(name = "tenant_id")
    private String tenantId;

    private String label;

    protected Tag() {
    }

    public Tag(String label) {
        this.label = label;
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }
}
