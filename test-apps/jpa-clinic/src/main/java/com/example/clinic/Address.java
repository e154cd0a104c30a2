package com.example.clinic;

import jakarta.persistence.Embeddable;

/** An owner's address, embedded in {@code jc_owners}. */
@Embeddable
public class Address {
    private String street;
    private String city;

    protected Address() {
    }

    public Address(String street, String city) {
        this.street = street;
        this.city = city;
    }

    public String getStreet() {
        return street;
    }

    public String getCity() {
        return city;
    }
}
