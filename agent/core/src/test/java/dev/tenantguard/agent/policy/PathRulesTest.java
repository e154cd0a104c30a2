package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The compiled rules and their allocation-free pre-filter. */
class PathRulesTest {

    private static final List<String> RULES = List.of("/srv/data/tenants/{tenant}/**", "/srv/exports/{tenant}-*.csv");

    private final PathNormalizer normalizer = new PathNormalizer("/home/app");
    private final PathRules rules = new PathRules(RULES, normalizer);

    @Test
    void compilesEveryRuleInOrder() {
        assertEquals(2, rules.size());
        assertFalse(rules.isEmpty());
        assertEquals("/srv/data/tenants/{tenant}/**", rules.rule(0).pattern());
        assertEquals("/srv/exports/{tenant}-*.csv", rules.rule(1).pattern());
        assertSame(normalizer, rules.normalizer());
    }

    @Test
    void noRules() {
        PathRules none = new PathRules(List.of(), normalizer);

        assertTrue(none.isEmpty());
        assertEquals(0, none.size());
        assertFalse(none.covers("/srv/data/tenants/acme/x"));
        assertFalse(none.covers("relative/x"));
        // a path with dot segments is still "maybe": the checker then finds no rule
        assertTrue(none.covers("/a/../b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/data/tenants/acme", "/srv/data/tenants/acme/x/y", "/srv/data/tenants/a",
            "/srv/exports/acme-1.csv", "/srv/exports/anything", "/srv/exports/x/y"})
    void absoluteCleanPathsUnderAPrefixAreCovered(String path) {
        assertTrue(rules.covers(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/srv", "/srv/data", "/srv/data/tenants", "/srv/data/tenantsX/acme",
            "/srv/exports", "/srv/exportsX/acme-1.csv", "/etc/passwd", "/home/app/srv/data/tenants/acme",
            "/tmp/x", "/srv/data/.tenants/acme"})
    void absoluteCleanPathsOutsideEveryPrefixAreNotCovered(String path) {
        assertFalse(rules.covers(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/data/../data/tenants/acme", "/etc/./passwd", "/tmp//x", "/tmp/x/",
            "../../srv/data/tenants/acme", "./x", "x/../y", "x/", ".", "..", ""})
    void uncleanPathsAreConservativelyCovered(String path) {
        assertTrue(rules.covers(path), path);
    }

    @Test
    void relativeCleanPathsAreResolvedAgainstTheWorkingDirectory() {
        PathRules inSrv = new PathRules(RULES, new PathNormalizer("/srv"));

        assertTrue(inSrv.covers("data/tenants/acme"));
        assertTrue(inSrv.covers("data/tenants/acme/x.txt"));
        assertTrue(inSrv.covers("exports/acme-1.csv"));
        assertFalse(inSrv.covers("data/tenants"));
        assertFalse(inSrv.covers("data/tenantsX/acme"));
        assertFalse(inSrv.covers("data"));
        assertFalse(inSrv.covers("other/tenants/acme"));
        assertFalse(inSrv.covers("srv/data/tenants/acme"));
    }

    @Test
    void everyRelativePathIsCoveredWhenTheWorkingDirectoryIsInsideARulePrefix() {
        PathRules inTenant = new PathRules(RULES, new PathNormalizer("/srv/data/tenants/acme"));

        assertTrue(inTenant.covers("x"));
        assertTrue(inTenant.covers("a/b/c"));
    }

    @Test
    void workingDirectoryThatIsThePrefixWithoutItsSlash() {
        PathRules inTenants = new PathRules(RULES, new PathNormalizer("/srv/data/tenants"));

        assertTrue(inTenants.covers("acme"));
        assertTrue(inTenants.covers("acme/x"));
    }

    @Test
    void workingDirectorySharingOnlyTextWithAPrefixIsNotInside() {
        PathRules beside = new PathRules(RULES, new PathNormalizer("/srv/data/tenantsX"));

        assertFalse(beside.covers("acme"));
        assertFalse(beside.covers("acme/x"));
    }

    @Test
    void rootWorkingDirectory() {
        PathRules atRoot = new PathRules(RULES, new PathNormalizer("/"));

        assertTrue(atRoot.covers("srv/data/tenants/acme"));
        assertTrue(atRoot.covers("srv/exports/acme-1.csv"));
        assertFalse(atRoot.covers("srv/data/tenants"));
        assertFalse(atRoot.covers("srv"));
        assertFalse(atRoot.covers("etc/passwd"));
    }

    @Test
    void relativeRulesAreCoveredThroughTheWorkingDirectory() {
        PathRules relative = new PathRules(List.of("data/{tenant}/**"), new PathNormalizer("/home/app"));

        assertTrue(relative.covers("data/acme/x"));
        assertTrue(relative.covers("/home/app/data/acme"));
        assertFalse(relative.covers("/data/acme"));
        assertFalse(relative.covers("other/acme"));
    }

    @ParameterizedTest(name = "\"{0}\" + \"/\" + \"{1}\" starts with \"{2}\": {3}")
    @CsvSource({
            // the prefix ends inside the working directory
            "/srv/data/tenants/acme,  x,              /srv/data/tenants/,   true",
            "/srv/data/tenants/acme,  x,              /srv/,                true",
            "/srv/data/tenants/acme,  x,              /srv/data/other/,     false",
            "/srv/data/tenantsX,      acme,           /srv/data/tenants/,   false",
            "/srv/data/tenantsXY,     acme,           /srv/data/tenants/,   false",
            "/srv/dat,                a/tenants/x,    /srv/data/tenants/,   false",
            // the prefix ends exactly at the separator after the working directory
            "/srv/data/tenants,       acme,           /srv/data/tenants/,   true",
            "/srv/data/tenantz,       acme,           /srv/data/tenants/,   false",
            // the prefix ends inside the relative part
            "/srv,                    data/tenants/a, /srv/data/tenants/,   true",
            "/srv,                    data/tenants/,  /srv/data/tenants/,   true",
            "/srv,                    data/tenants,   /srv/data/tenants/,   false",
            "/srv,                    data/tenantsX,  /srv/data/tenants/,   false",
            "/srv,                    data,           /srv/data/tenants/,   false",
            "/srv,                    other/tenants/a,/srv/data/tenants/,   false",
            "/srvx,                   data/tenants/a, /srv/data/tenants/,   false",
            "/sr,                     v/data/tenants/a, /srv/data/tenants/, false",
            "/other,                  data/tenants/a, /srv/data/tenants/,   false",
            // the root working directory
            "/,                       srv/data/tenants/a, /srv/data/tenants/, true",
            "/,                       srv/data/tenants,   /srv/data/tenants/, false",
            "/,                       srv,            /srv/data/tenants/,   false",
            "/,                       x,              /,                    true",
            "/srv,                    x,              /,                    true",
    })
    void joinedStartsWith(String dir, String relative, String prefix, boolean expected) {
        assertEquals(expected, PathRules.joinedStartsWith(dir, relative, prefix));
        String joined = dir.equals("/") ? "/" + relative : dir + "/" + relative;
        assertEquals(joined.startsWith(prefix), expected, "the reference computation disagrees");
    }

    @Test
    void coverIsExactForCleanPaths() {
        // every clean path the pre-filter lets through has a rule prefix; every one it stops has none
        String[] paths = {"/srv/data/tenants/acme", "/srv/data/tenants", "/srv/exports/a-1.csv", "/srv/x", "/"};
        for (String path : paths) {
            boolean matches = false;
            for (int i = 0; i < rules.size(); i++) {
                matches |= rules.rule(i).match(path) != PathRule.NO_MATCH;
            }
            if (matches) {
                assertTrue(rules.covers(path), path);
            }
        }
        assertFalse(rules.covers("/srv/x"));
    }
}
