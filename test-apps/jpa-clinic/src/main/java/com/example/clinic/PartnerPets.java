package com.example.clinic;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * PLANTED BUG of the schema-per-tenant kind: "the pets of a partner clinic" names the partner's schema in
 * a native query, which no connection switch of Hibernate's can keep inside the caller's tenant.
 */
@RestController
@Transactional(readOnly = true)
public class PartnerPets {
    private final EntityManager entityManager;
    private final TenantSchemas schemas;

    PartnerPets(EntityManager entityManager, TenantSchemas schemas) {
        this.entityManager = entityManager;
        this.schemas = schemas;
    }

    @GetMapping("/partners/{partner}/pets")
    @SuppressWarnings("unchecked")
    public List<String> petsOf(@PathVariable String partner) {
        return entityManager.createNativeQuery("SELECT name FROM " + schemas.of(partner) + ".jc_pets ORDER BY name")
                .getResultList();
    }
}
