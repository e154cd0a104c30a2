package dev.tenantguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The exception thrown instead of a boundary-crossing call. */
class TenantBoundaryViolationTest {

    @Test
    void describeGivesTheMessageTheExceptionWouldCarry() {
        for (ViolationKind kind : ViolationKind.values()) {
            TenantBoundaryViolation thrown = new TenantBoundaryViolation(kind, "files", "READ", "/t/globex/a", "globex",
                    "acme", "/t/{tenant}/**");
            org.junit.jupiter.api.Assertions.assertEquals(thrown.getMessage(),
                    TenantBoundaryViolation.describe(kind, "READ", "/t/globex/a", "globex", "acme", "/t/{tenant}/**"),
                    kind.name());
        }
    }

    @Test
    void accessors() {
        TenantBoundaryViolation v = new TenantBoundaryViolation(ViolationKind.CROSS_TENANT, "files", "READ",
                "/srv/t/globex/x", "globex", "acme", "/srv/t/{tenant}/**");

        assertEquals(ViolationKind.CROSS_TENANT, v.kind());
        assertEquals("files", v.family());
        assertEquals("READ", v.operation());
        assertEquals("/srv/t/globex/x", v.resource());
        assertEquals("globex", v.resourceTenant());
        assertEquals("acme", v.activeTenant());
    }

    @Test
    void crossTenantSentence() {
        TenantBoundaryViolation v = new TenantBoundaryViolation(ViolationKind.CROSS_TENANT, "files", "WRITE",
                "/srv/t/globex/x", "globex", "acme", "/srv/t/{tenant}/**");

        assertEquals("tenant acme tried to WRITE /srv/t/globex/x owned by tenant globex (rule /srv/t/{tenant}/**)",
                v.getMessage());
    }

    @Test
    void noTenantSentence() {
        TenantBoundaryViolation v = new TenantBoundaryViolation(ViolationKind.NO_TENANT, "files", "DELETE",
                "/srv/t/acme/x", "acme", null, "/srv/t/{tenant}/**");

        assertEquals("code running with no tenant tried to DELETE /srv/t/acme/x owned by tenant acme "
                + "(rule /srv/t/{tenant}/**)", v.getMessage());
        assertNull(v.activeTenant());
        assertEquals(ViolationKind.NO_TENANT, v.kind());
    }

    @Test
    void noTenantSentenceIgnoresAnActiveTenant() {
        TenantBoundaryViolation v = new TenantBoundaryViolation(ViolationKind.NO_TENANT, "files", "READ", "/r/a",
                "a", "b", "/r/{tenant}");

        assertEquals("code running with no tenant tried to READ /r/a owned by tenant a (rule /r/{tenant})",
                v.getMessage());
    }

    @Test
    void crossTenantWithoutActiveTenantReadsAsNoTenant() {
        TenantBoundaryViolation v = new TenantBoundaryViolation(ViolationKind.CROSS_TENANT, "files", "LIST", "/r/a",
                "a", null, "/r/{tenant}");

        assertEquals("code running with no tenant tried to LIST /r/a owned by tenant a (rule /r/{tenant})",
                v.getMessage());
    }

    @Test
    void isASecurityExceptionWithoutCause() {
        TenantBoundaryViolation v = new TenantBoundaryViolation(ViolationKind.CROSS_TENANT, "jdbc", "SELECT",
                "orders", "b", "a", "tenant_id");

        assertInstanceOf(SecurityException.class, v);
        assertNull(v.getCause());
        assertEquals("jdbc", v.family());
    }
}
