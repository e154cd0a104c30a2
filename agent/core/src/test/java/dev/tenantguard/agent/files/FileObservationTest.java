package dev.tenantguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The folder per tenant a path used as a tenant is evidence for. */
class FileObservationTest {

    @Test
    void theFirstSegmentEqualToTheTenant() {
        assertEquals("/srv/tenants".length(), FileObservation.segment("/srv/tenants/acme/acme/a.txt", "acme"));
        assertEquals("/srv/tenants".length(), FileObservation.segment("/srv/tenants/acme", "acme"));
        assertEquals("/srv/acmex/tenants".length(), FileObservation.segment("/srv/acmex/tenants/acme/x", "acme"));
    }

    @Test
    void aTenantInsideAFileNameIsNoEvidence() {
        assertEquals(-1, FileObservation.segment("/srv/exports/notes-acme.csv", "acme"));
        assertEquals(-1, FileObservation.segment("/srv/exports/acme.csv", "acme"));
    }
}
