package dev.tenantguard.agent.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.carrier.TenantSignature.Verdict;
import org.junit.jupiter.api.Test;

class TenantSignatureTest {
    private static final long NOW = 1_800_000_000L;
    private final TenantSignature signer = new TenantSignature("a-shared-secret-of-services");

    @Test
    void aSignatureVerifiesForTheSameTenantMethodAndPath() {
        String header = signer.sign("acme", "GET", "/v1/orders", NOW);
        assertTrue(header.startsWith("v1;t=" + NOW + ";s="), header);
        assertEquals(Verdict.VALID, signer.verify("acme", "get", "/v1/orders", header, NOW + 10));
    }

    @Test
    void anyChangeToWhatWasSignedIsAMismatch() {
        String header = signer.sign("acme", "GET", "/v1/orders", NOW);
        assertEquals(Verdict.MISMATCH, signer.verify("globex", "GET", "/v1/orders", header, NOW));
        assertEquals(Verdict.MISMATCH, signer.verify("acme", "POST", "/v1/orders", header, NOW));
        assertEquals(Verdict.MISMATCH, signer.verify("acme", "GET", "/v1/orders/2", header, NOW));
        String otherTime = header.replace("t=" + NOW, "t=" + (NOW + 1));
        assertEquals(Verdict.MISMATCH, signer.verify("acme", "GET", "/v1/orders", otherTime, NOW));
    }

    @Test
    void anotherKeyDoesNotVerify() {
        String header = new TenantSignature("another-secret-of-someone").sign("acme", "GET", "/", NOW);
        assertEquals(Verdict.MISMATCH, signer.verify("acme", "GET", "/", header, NOW));
    }

    @Test
    void anEmptyPathIsSignedAsTheRoot() {
        assertEquals(Verdict.VALID, signer.verify("acme", "GET", "/", signer.sign("acme", "GET", "", NOW), NOW));
    }

    @Test
    void signaturesOutsideTheWindowAreExpired() {
        String header = signer.sign("acme", "GET", "/", NOW);
        assertEquals(Verdict.VALID, signer.verify("acme", "GET", "/", header, NOW + TenantSignature.MAX_SKEW_SECONDS));
        assertEquals(Verdict.EXPIRED, signer.verify("acme", "GET", "/", header, NOW + TenantSignature.MAX_SKEW_SECONDS + 1));
        assertEquals(Verdict.EXPIRED, signer.verify("acme", "GET", "/", header, NOW - TenantSignature.MAX_SKEW_SECONDS - 1));
    }

    @Test
    void missingAndMalformedHeadersAreToldApart() {
        assertEquals(Verdict.MISSING, signer.verify("acme", "GET", "/", null, NOW));
        assertEquals(Verdict.MISSING, signer.verify("acme", "GET", "/", "", NOW));
        assertEquals(Verdict.MALFORMED, signer.verify("acme", "GET", "/", "acme", NOW));
        assertEquals(Verdict.MALFORMED, signer.verify("acme", "GET", "/", "v1;t=soon;s=x", NOW));
        assertEquals(Verdict.MALFORMED, signer.verify("acme", "GET", "/", "v2;t=1;s=x", NOW));
    }

    @Test
    void signaturesOfDifferentTenantsDiffer() {
        assertNotEquals(signer.sign("acme", "GET", "/", NOW), signer.sign("globex", "GET", "/", NOW));
    }
}
