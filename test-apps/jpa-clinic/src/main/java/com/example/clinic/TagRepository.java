package com.example.clinic;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The tenant's tags. */
public interface TagRepository extends JpaRepository<Tag, Long> {

    Optional<Tag> findByLabel(String label);
}
