package com.example.clinic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.TenantId;

/** The tenant-owned aggregate: an owner and their pets. */
@Entity
@Table(name = "jc_owners")
public class Owner {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "jc_owners_seq")
    @SequenceGenerator(name = "jc_owners_seq", sequenceName = "jc_owners_seq", allocationSize = 50)
    private Long id;

    @TenantId
    @Column(name = "tenant_id")
    private String tenantId;

    private String name;

    @Embedded
    private Address address;

    @Version
    private Long version;

    @OneToMany(mappedBy = "owner", cascade = CascadeType.ALL, orphanRemoval = true)
    @Filter(name = TenantFilter.NAME, condition = TenantFilter.CONDITION)
    private List<Pet> pets = new ArrayList<>();

    protected Owner() {
    }

    public Owner(String name, Address address) {
        this.name = name;
        this.address = address;
    }

    public Pet adopt(String petName, Species species) {
        Pet pet = new Pet(this, petName, species);
        pets.add(pet);
        return pet;
    }

    public Long getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public void rename(String name) {
        this.name = name;
    }

    public Address getAddress() {
        return address;
    }

    public void moveTo(Address address) {
        this.address = address;
    }

    public Long getVersion() {
        return version;
    }

    @JsonIgnore
    public List<Pet> getPets() {
        return pets;
    }
}
