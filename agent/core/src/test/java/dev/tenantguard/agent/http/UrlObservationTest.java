package dev.tenantguard.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The URL rule an outbound request made as a tenant is evidence for. */
class UrlObservationTest {

    @Test
    void aHostLabelOrAPathSegmentEqualToTheTenant() {
        assertEquals("https://{tenant}.api.example.com/**",
                UrlObservation.pattern(URI.create("https://ACME.api.example.com/v1/acme/x"), "acme"));
        assertEquals("http://127.0.0.1:18089/v1/tenants/{tenant}/**",
                UrlObservation.pattern(URI.create("http://127.0.0.1:18089/v1/tenants/acme/usage?x=1"), "acme"));
        assertEquals("http://billing/{tenant}/**", UrlObservation.pattern(URI.create("http://billing/acme"), "acme"));
    }

    @Test
    void aTenantInsideALabelOrSegmentIsNoEvidence() {
        assertNull(UrlObservation.pattern(URI.create("https://acme-corp.example.com/v1/notes-acme.csv"), "acme"));
        assertNull(UrlObservation.pattern(URI.create("http://billing/v1/usage?tenant=acme"), "acme"));
    }
}
