package com.example.clinic;

import org.springframework.data.jpa.repository.JpaRepository;

/** The shared species. */
public interface SpeciesRepository extends JpaRepository<Species, Long> {
}
