package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleIndexTest {
    private final PathNormalizer normalizer = new PathNormalizer("/work");

    @Test
    void aPathIsComparedWithTheRulesOfItsNextSegmentAndTheRulesWithoutOneInPolicyOrder() {
        PathRules rules = new PathRules(List.of("/srv/a/{tenant}/**", "/srv/a/b/{tenant}/**", "/srv/a/c/{tenant}/**",
                "/srv/a/b/d/{tenant}/**"), normalizer);

        assertArrayEquals(new int[] {0, 1, 3}, rules.candidates("/srv/a/b/d/acme/x"));
        assertArrayEquals(new int[] {0, 2}, rules.candidates("/srv/a/c/acme"));
        assertArrayEquals(new int[] {0}, rules.candidates("/srv/a/other/x"));
        assertArrayEquals(new int[0], rules.candidates("/elsewhere/x"));
    }

    @Test
    void aCommonPrefixThatEndsInsideASegmentKeysTheRestOfIt() {
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            patterns.add("/data/service-" + i + "/tenants/{tenant}/**");
        }
        PathRules rules = new PathRules(patterns, normalizer);

        assertArrayEquals(new int[] {42}, rules.candidates("/data/service-42/tenants/acme/file"));
        assertArrayEquals(new int[] {4}, rules.candidates("/data/service-4/tenants/acme/file"));
        assertArrayEquals(new int[0], rules.candidates("/data/service-420/tenants/acme/file"));
        assertArrayEquals(new int[0], rules.candidates("/data/service-"));
    }

    @Test
    void oneRuleIsTheOnlyCandidate() {
        PathRules rules = new PathRules(List.of("tenants/{tenant}/**"), normalizer);

        assertArrayEquals(new int[] {0}, rules.candidates("/work/tenants/acme/x"));
    }
}
