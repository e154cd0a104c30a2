package com.example.clinic;

import org.springframework.data.jpa.repository.JpaRepository;

/** {@link PetCard}s: not filtered by tenant; used only by the PLANTED BUG {@link ClinicService#petCard}. */
public interface PetCardRepository extends JpaRepository<PetCard, Long> {
}
