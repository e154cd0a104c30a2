package com.example.clinic;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Pets of the current tenant. */
public interface PetRepository extends JpaRepository<Pet, Long> {

    List<Pet> findByOwnerIdOrderByName(Long ownerId);

    /** Renames a pet by its id: native SQL by key, which names no tenant (any tenant's pet). */
    @Modifying
    @Query(value = "UPDATE jc_pets SET name = :name WHERE id = :id", nativeQuery = true)
    int renameById(@Param("id") long id, @Param("name") String name);
}
