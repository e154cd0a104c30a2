package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compiling file rules and matching normalized paths against them. */
class PathRuleTest {

    private static final PathNormalizer NORMALIZER = new PathNormalizer("/home/app");

    /** The tenant a rule assigns {@code path} to, or null when it does not match. */
    static String owner(PathRule rule, String path) {
        long match = rule.match(path);
        if (match == PathRule.NO_MATCH) {
            return null;
        }
        return path.substring(PathRule.captureStart(match), PathRule.captureEnd(match));
    }

    private static String owner(String rule, String path) {
        return owner(PathRule.compile(rule, NORMALIZER), path);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
            // {tenant} as a whole segment
            "/srv/t/{tenant}/**,            /srv/t/acme/x,                     acme",
            "/srv/t/{tenant}/**,            /srv/t/acme/x/y/z.txt,             acme",
            "/srv/t/{tenant}/**,            /srv/t/acme,                       acme",
            "/srv/t/{tenant}/**,            /srv/t,                            ",
            "/srv/t/{tenant}/**,            /srv,                              ",
            "/srv/t/{tenant}/**,            /,                                 ",
            "/srv/t/{tenant}/**,            /srv/tx/acme,                      ",
            "/srv/t/{tenant}/**,            /srv/u/acme,                       ",
            "/srv/t/{tenant}/**,            /other/srv/t/acme,                 ",
            "/srv/t/{tenant},               /srv/t/acme,                       acme",
            "/srv/t/{tenant},               /srv/t/acme/x,                     ",
            "/srv/t/{tenant}/data,          /srv/t/acme/data,                  acme",
            "/srv/t/{tenant}/data,          /srv/t/acme/data/x,                ",
            "/srv/t/{tenant}/data,          /srv/t/acme/other,                 ",
            "/srv/t/{tenant}/data,          /srv/t/acme,                       ",
            // {tenant} inside a segment, with literals and *
            "/srv/exports/{tenant}-*.csv,   /srv/exports/acme-2024.csv,        acme",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/acme-2024-01.csv,     acme-2024",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/acme-.csv,            acme",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/a-b-c-d.csv,          a-b-c",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/acme.csv,             ",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/-2024.csv,            ",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/acme-2024.csv.bak,    ",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/acme-2024.txt,        ",
            "/srv/exports/{tenant}-*.csv,   /srv/exports/x/acme-2024.csv,      ",
            "/srv/t-{tenant}/**,            /srv/t-acme/f,                     acme",
            "/srv/t-{tenant}/**,            /srv/t-/f,                         ",
            "/srv/{tenant}.db,              /srv/acme.db,                      acme",
            "/srv/{tenant}.db,              /srv/acme.db.db,                   acme.db",
            "/srv/{tenant}.db,              /srv/.db,                          ",
            // ** for zero or many segments before the tenant
            "/srv/**/{tenant}/data,         /srv/acme/data,                    acme",
            "/srv/**/{tenant}/data,         /srv/a/b/acme/data,                acme",
            "/srv/**/{tenant}/data,         /srv/data,                         ",
            "/srv/**/{tenant}/data,         /srv/a/data/x,                     ",
            "/srv/**/{tenant}/**,           /srv/acme,                         acme",
            // * within a segment, before the tenant
            "/srv/*/{tenant}/**,            /srv/eu/acme/x,                    acme",
            "/srv/*/{tenant}/**,            /srv/eu,                           ",
            "/srv/r*/{tenant},              /srv/region1/acme,                 acme",
            "/srv/r*/{tenant},              /srv/xregion/acme,                 ",
            // ** in the middle, after the tenant
            "/srv/{tenant}/**/blob,         /srv/acme/blob,                    acme",
            "/srv/{tenant}/**/blob,         /srv/acme/a/b/blob,                acme",
            "/srv/{tenant}/**/blob,         /srv/acme/a/b/blob/c,              ",
            // the tenant at the root
            "/{tenant}/**,                  /acme/x,                           acme",
            "/{tenant}/**,                  /acme,                             acme",
            "/{tenant}/**,                  /,                                 ",
    })
    void matchesAndCaptures(String rule, String path, String expectedOwner) {
        assertEquals(expectedOwner, owner(rule, path));
    }

    @Test
    void captureStartAndEndAreTheRegionOfTheTenantInThePath() {
        PathRule rule = PathRule.compile("/srv/t/{tenant}/**", NORMALIZER);
        String path = "/srv/t/acme/x";

        long match = rule.match(path);

        assertEquals(7, PathRule.captureStart(match));
        assertEquals(11, PathRule.captureEnd(match));
        assertEquals("acme", path.substring(PathRule.captureStart(match), PathRule.captureEnd(match)));
    }

    @Test
    void captureAtTheEndOfThePath() {
        PathRule rule = PathRule.compile("/srv/t/{tenant}/**", NORMALIZER);
        String path = "/srv/t/globex";

        long match = rule.match(path);

        assertEquals(7, PathRule.captureStart(match));
        assertEquals(path.length(), PathRule.captureEnd(match));
    }

    @Test
    void captureInsideASegment() {
        PathRule rule = PathRule.compile("/srv/exports/{tenant}-*.csv", NORMALIZER);
        String path = "/srv/exports/acme-1.csv";

        long match = rule.match(path);

        assertEquals("/srv/exports/".length(), PathRule.captureStart(match));
        assertEquals("/srv/exports/acme".length(), PathRule.captureEnd(match));
    }

    @Test
    void noMatchIsMinusOne() {
        assertEquals(-1L, PathRule.NO_MATCH);
        assertEquals(PathRule.NO_MATCH, PathRule.compile("/srv/t/{tenant}/**", NORMALIZER).match("/etc/passwd"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/srv/t/{tenant}/**,           /srv/t/",
            "/srv/data/tenants/{tenant},   /srv/data/tenants/",
            "/srv/exports/{tenant}-*.csv,  /srv/exports/",
            "/srv/*/t/{tenant}/**,         /srv/",
            "/srv/**/{tenant}/data,        /srv/",
            "/srv/a*b/x/{tenant},          /srv/",
            "/{tenant}/**,                 /",
            "/srv/{tenant}/lit/**,         /srv/",
            "//srv/./t//{tenant}/**,       /srv/t/",
            "data/{tenant}/**,             /home/app/data/",
            "./data/{tenant}/**,           /home/app/data/",
            "{tenant}/**,                  /home/app/",
    })
    void literalPrefixIsTheLiteralDirectoryBeforeTheFirstWildcard(String rule, String prefix) {
        assertEquals(prefix, PathRule.compile(rule, NORMALIZER).literalPrefix());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/srv/t/{tenant}/**,           /srv/t/{tenant}/**",
            "//srv/./t//{tenant}/**/,      /srv/t/{tenant}/**",
            "data/{tenant}/**,             /home/app/data/{tenant}/**",
            "./data/{tenant},              /home/app/data/{tenant}",
    })
    void patternIsTheRuleMadeAbsoluteAndClean(String rule, String pattern) {
        PathRule compiled = PathRule.compile(rule, NORMALIZER);

        assertEquals(pattern, compiled.pattern());
        assertEquals(pattern, compiled.toString());
    }

    @Test
    void relativeRulesResolveAgainstTheWorkingDirectory() {
        PathRule rule = PathRule.compile("data/{tenant}/**", NORMALIZER);

        assertEquals("acme", owner(rule, "/home/app/data/acme/f.txt"));
        assertNull(owner(rule, "/data/acme/f.txt"));
    }

    @Test
    void relativeRuleWithRootWorkingDirectory() {
        PathRule rule = PathRule.compile("data/{tenant}/**", new PathNormalizer("/"));

        assertEquals("/data/{tenant}/**", rule.pattern());
        assertEquals("/data/", rule.literalPrefix());
        assertEquals("acme", owner(rule, "/data/acme/f.txt"));
    }

    @Test
    void dotDotInARuleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PathRule.compile("/srv/../t/{tenant}", NORMALIZER));

        assertEquals("a file rule cannot contain '..': /srv/../t/{tenant}", e.getMessage());
    }

    @Test
    void repeatedStarsInASegmentActAsOne() {
        assertEquals("acme", owner("/srv/{tenant}-**x.csv", "/srv/acme-1x.csv"));
    }

    @Test
    void doubleStarSegmentMatchesManySegments() {
        PathRule rule = PathRule.compile("/srv/t/{tenant}/**", NORMALIZER);
        StringBuilder deep = new StringBuilder("/srv/t/acme");
        for (int i = 0; i < 200; i++) {
            deep.append("/d").append(i);
        }

        assertEquals("acme", owner(rule, deep.toString()));
    }
}
