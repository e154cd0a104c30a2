package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which tenant owns a path under {@code /srv/data/tenants/{tenant}/**}, the way the checker decides
 * it: normalize first (working directory {@code /srv/app}), then match.
 */
class TenantOwnershipTest {

    private static final PathNormalizer NORMALIZER = new PathNormalizer("/srv/app");
    private static final PathRules RULES = new PathRules(List.of("/srv/data/tenants/{tenant}/**"), NORMALIZER);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/srv/data/tenants/acme/x,                    acme",
            "/srv/data/tenants/acme,                      acme",
            "/srv/data/tenants/acme/,                     acme",
            "/srv/data/tenants/acme/a/b/c/d.txt,          acme",
            "/srv/data/tenants/acme/../globex/x,          globex",
            "/srv/data/tenants/../tenants/globex,         globex",
            "/srv/data/./tenants//acme/,                  acme",
            "//srv//data//tenants//acme//x,               acme",
            "/srv/data/tenants/./acme/./x,                acme",
            "/srv/data/tenants/acme/x/../../globex,       globex",
            "/srv/data/tenants/acme/..,                   ",
            "/srv/data/tenants/acme/../..,                ",
            "/srv/data/tenants,                           ",
            "/srv/data/tenants/,                          ",
            "/srv/data/tenants/.,                         ",
            "/srv/data/tenantsX/acme,                     ",
            "/srv/data/tenant/acme,                       ",
            "/srv/data/Tenants/acme,                      ",
            "/srv/data,                                   ",
            "/,                                           ",
            "/etc/passwd,                                 ",
            "/other/srv/data/tenants/acme,                ",
            "/../../srv/data/tenants/acme,                acme",
            "/srv/data/tenants/.acme/x,                   .acme",
            "/srv/data/tenants/acme.bak/x,                acme.bak",
            "/srv/data/tenants/..acme,                    ..acme",
            "/srv/data/tenants/acme/.hidden,              acme",
            "../data/tenants/acme/x,                      acme",
            "../data/tenants/../tenants/globex,           globex",
            "../../srv/data/tenants/acme,                 acme",
            "data/tenants/acme,                           ",
            "../data/tenants,                             ",
            "./../data/./tenants/acme,                    acme",
    })
    void owner(String path, String expectedOwner) {
        String absolute = NORMALIZER.absolute(path);
        PathRule rule = RULES.rule(0);
        long match = rule.match(absolute);
        String owner = match == PathRule.NO_MATCH
                ? null
                : absolute.substring(PathRule.captureStart(match), PathRule.captureEnd(match));

        assertEquals(expectedOwner, owner);
        if (owner != null) {
            // the pre-filter must never drop a path that a rule owns
            assertTrue(RULES.covers(path), "covers(" + path + ")");
        }
    }
}
