package dev.tenantguard.agent.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaggageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                                | tenant=acme",
            "''                                  | tenant=acme",
            "k=v                                 | k=v,tenant=acme",
            "k=v;prop=1 , other=x                | k=v;prop=1,other=x,tenant=acme",
            "tenant=globex,k=v                   | k=v,tenant=acme",
            "tenant = globex;p, k=v              | k=v,tenant=acme",
            "tenant;p=1,k=v                      | k=v,tenant=acme",
            "tenantx=1,xtenant=2                 | tenantx=1,xtenant=2,tenant=acme",
            "tenant=acme,tenant=acme             | tenant=acme",
            "k=v,,                               | k=v,tenant=acme",
    })
    void putsTheTenantMemberAndKeepsTheOthers(String existing, String expected) {
        assertEquals(expected, Baggage.withTenant(existing, "acme"));
    }

    @Test
    void returnsTheSameStringWhenItAlreadyHoldsTheMember() {
        String existing = "k=v, tenant=acme";
        assertSame(existing, Baggage.withTenant(existing, "acme"));
    }

    @Test
    void encodesWhatABaggageValueCannotHold() {
        assertEquals("a%2Cb%3Bc%25d%20%C3%A9", Baggage.encode("a,b;c%d é"));
        assertEquals("acme-1_x", Baggage.encode("acme-1_x"));
    }
}
