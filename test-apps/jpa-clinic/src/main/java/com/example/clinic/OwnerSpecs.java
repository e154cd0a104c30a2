package com.example.clinic;

import org.springframework.data.jpa.domain.Specification;

/** Criteria for the owner search. */
final class OwnerSpecs {
    private OwnerSpecs() {
    }

    static Specification<Owner> inCity(String city) {
        return (root, query, cb) -> city == null ? null : cb.equal(root.get("address").get("city"), city);
    }

    static Specification<Owner> nameContains(String part) {
        return (root, query, cb) -> part == null ? null
                : cb.like(cb.lower(root.get("name")), "%" + part.toLowerCase() + "%");
    }
}
