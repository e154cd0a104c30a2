package com.example.clinic;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A species, shared by every tenant (no tenant column). Its {@code pets} collection spans every
 * tenant's pets: reaching it is a PLANTED BUG ({@link ClinicService#speciesRoster}).
 */
@Entity
@Table(name = "jc_species")
public class Species {
    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "species")
    private List<PetCard> pets = new ArrayList<>();

    protected Species() {
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    List<PetCard> getPets() {
        return pets;
    }
}
