package dev.tenantguard.agent.report;

import java.time.Instant;
import java.util.List;

/** Builds {@link ViolationEvent}s for tests. */
final class Events {
    static final Instant TIME = Instant.parse("2024-05-06T07:08:09.123Z");

    private Events() {
    }

    static ViolationEvent violation(String kind, String rule, String callSite) {
        return violation(kind, rule, callSite, "/srv/t/globex/x");
    }

    static ViolationEvent violation(String kind, String rule, String callSite, String resource) {
        return new ViolationEvent(TIME, kind, "files", "READ", resource, "globex", "acme", rule, "BLOCKED", "main",
                callSite, callSite == null ? List.of() : List.of(callSite, "com.x.Main.main(Main.java:1)"),
                "tenant acme tried to READ " + resource + " owned by tenant globex (rule " + rule + ")");
    }

    static ViolationEvent crossTenant(String callSite) {
        return violation("CROSS_TENANT", "/srv/t/{tenant}/**", callSite);
    }
}
