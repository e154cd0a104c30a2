package com.example.clinic;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Pets of the current tenant. */
public interface PetRepository extends JpaRepository<Pet, Long> {

    List<Pet> findByOwnerIdOrderByName(Long ownerId);
}
