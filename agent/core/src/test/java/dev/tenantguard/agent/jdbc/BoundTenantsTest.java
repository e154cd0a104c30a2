package dev.tenantguard.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoundTenantsTest {

    @Test
    void aNumberIsTheTenantWhoseIdIsItsCanonicalDecimal() {
        assertTrue(BoundTenants.isDecimal(2, "2"));
        assertTrue(BoundTenants.isDecimal(0, "0"));
        assertTrue(BoundTenants.isDecimal(-17, "-17"));
        assertTrue(BoundTenants.isDecimal(Long.MAX_VALUE, Long.toString(Long.MAX_VALUE)));
        assertTrue(BoundTenants.isDecimal(Long.MIN_VALUE, Long.toString(Long.MIN_VALUE)));
        assertFalse(BoundTenants.isDecimal(2, "02"), "02 is another tenant id than 2");
        assertFalse(BoundTenants.isDecimal(0, "-0"));
        assertFalse(BoundTenants.isDecimal(2, "3"));
        assertFalse(BoundTenants.isDecimal(12, "2"));
        assertFalse(BoundTenants.isDecimal(2, "12"));
        assertFalse(BoundTenants.isDecimal(2, ""));
        assertFalse(BoundTenants.isDecimal(2, "-"));
        assertFalse(BoundTenants.isDecimal(-2, "2"));
        assertFalse(BoundTenants.isDecimal(2, "2a"));
        assertFalse(BoundTenants.isDecimal(2, "acme"));
        assertFalse(BoundTenants.isDecimal(Long.MAX_VALUE, Long.MAX_VALUE + "0"));
    }

    @Test
    void aUuidIsTheTenantWhoseIdIsItsTextInEitherCase() {
        UUID uuid = UUID.fromString("6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5a");
        assertTrue(BoundTenants.isUuid(uuid, "6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5a"));
        assertTrue(BoundTenants.isUuid(uuid, "6F1C0D2E-1B7A-4C55-9A0E-2F4B8C1D3E5A"));
        assertFalse(BoundTenants.isUuid(uuid, "6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5b"));
        assertFalse(BoundTenants.isUuid(uuid, "6f1c0d2e1b7a4c559a0e2f4b8c1d3e5a"));
        assertFalse(BoundTenants.isUuid(uuid, "6f1c0d2e-1b7a-4c55-9a0e+2f4b8c1d3e5a"));
        assertFalse(BoundTenants.isUuid(uuid, "6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5g"));
    }

    @Test
    void aTenantComparesEqualHoweverItWasBound() {
        for (Object two : new Object[] {"2", 2, 2L, (short) 2, (byte) 2, BigInteger.TWO, new BigDecimal("2"),
                new BigDecimal("2.00")}) {
            assertNull(BoundTenants.unknown(two), two.getClass().getName());
            assertTrue(BoundTenants.matches(two, 0, "2"), two.getClass().getName());
            assertFalse(BoundTenants.matches(two, 0, "3"), two.getClass().getName());
        }
        assertTrue(BoundTenants.matches(BoundTenants.NUMBER, 2, "2"));
        assertFalse(BoundTenants.matches(BoundTenants.NUMBER, 2, "acme"));
        assertFalse(BoundTenants.matches(new BigDecimal("2.5"), 0, "2"));
        assertFalse(BoundTenants.matches(BigInteger.TWO.shiftLeft(70), 0, "2"));
        assertFalse(BoundTenants.matches(BoundTenants.NULL, 0, "2"));
        assertFalse(BoundTenants.matches("2", 0, null), "no tenant is never a match");
        UUID uuid = UUID.randomUUID();
        assertTrue(BoundTenants.matches(uuid, 0, uuid.toString()));
    }

    @Test
    void whatWasNotCapturedSaysWhy() {
        assertTrue(BoundTenants.unknown(null).startsWith("was not captured (no setter"));
        assertEquals("was not captured: it was set by setCharacterStream, whose value the agent does not read",
                BoundTenants.unknown(new BoundTenants.NotCaptured("setCharacterStream")));
        assertNotNull(BoundTenants.unknown(2.0d), "a double is not compared with a tenant id");
        assertNotNull(BoundTenants.unknown(new byte[] {'2'}));
        assertNotNull(BoundTenants.unknown(new IllegalStateException("boom")));
    }
}
