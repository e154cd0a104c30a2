package com.example.clinic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.TenantId;

/** A pet: part of its owner's aggregate, of a shared species, with visits and tags (join table). */
@Entity
@Table(name = "jc_pets")
public class Pet {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "jc_pets_seq")
    @SequenceGenerator(name = "jc_pets_seq", sequenceName = "jc_pets_seq", allocationSize = 50)
    private Long id;

    @TenantId
    @Column(name = "tenant_id")
    private String tenantId;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private Owner owner;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "species_id")
    private Species species;

    @ManyToMany
    @JoinTable(name = "jc_pet_tags", joinColumns = @JoinColumn(name = "pet_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    @Filter(name = TenantFilter.NAME, condition = TenantFilter.CONDITION)
    private Set<Tag> tags = new LinkedHashSet<>();

    @OneToMany(mappedBy = "pet", cascade = CascadeType.ALL)
    @Filter(name = TenantFilter.NAME, condition = TenantFilter.CONDITION)
    private List<Visit> visits = new ArrayList<>();

    @Version
    private Long version;

    protected Pet() {
    }

    Pet(Owner owner, String name, Species species) {
        this.owner = owner;
        this.name = name;
        this.species = species;
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

    @JsonIgnore
    public Owner getOwner() {
        return owner;
    }

    @JsonIgnore
    public Species getSpecies() {
        return species;
    }

    @JsonIgnore
    public Set<Tag> getTags() {
        return tags;
    }

    @JsonIgnore
    public List<Visit> getVisits() {
        return visits;
    }

    public Visit visit(String reason, long costCents) {
        Visit visit = new Visit(this, reason, costCents);
        visits.add(visit);
        return visit;
    }
}
