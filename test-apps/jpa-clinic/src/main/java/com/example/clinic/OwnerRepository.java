package com.example.clinic;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Owners: Hibernate adds the tenant to each query ({@code @TenantId}). */
public interface OwnerRepository extends JpaRepository<Owner, Long>, JpaSpecificationExecutor<Owner> {

    /** A derived query, paged and sorted by the caller. */
    Page<Owner> findByNameStartingWith(String prefix, Pageable page);

    /** The owner with pets and their species in one query: a fetch join. */
    @EntityGraph(attributePaths = {"pets", "pets.species"})
    Optional<Owner> findWithPetsById(Long id);

    /** JPQL on the embedded address. */
    @Query("select o from Owner o where lower(o.address.city) = lower(:city) order by o.name")
    List<Owner> inCity(@Param("city") String city);
}
