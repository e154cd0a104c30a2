package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyRulesTest {
    private final KeyRules rules = new KeyRules(List.of("tenant:{tenant}:**", "cache:*:{tenant}:*", "sess-{tenant}"));

    @ParameterizedTest
    @CsvSource({
        // key, owner ('-' under no rule)
        "tenant:acme:orders:1, acme",
        "tenant:acme, acme",
        "tenant:globex:a:b:c, globex",
        "cache:users:acme:42, acme",
        "cache:users:globex:42, globex",
        "sess-acme, acme",
        "tenant, -",
        "tenants:acme:x, -",
        "cache:users:acme:42:extra, -",
        "cache:acme, -",
        "free:acme:x, -",
        "TENANT:globex:x, -",
    })
    void ownerOfAKey(String key, String owner) {
        KeyRule crossed = rules.crossed(key, "nobody");
        if (owner.equals("-")) {
            assertNull(crossed, key);
            assertNull(rules.crossed(key, null), key + " is under no rule, even with no tenant");
        } else {
            assertNotNull(crossed, key);
            assertEquals(owner, KeyRules.owner(crossed, key));
            assertNull(rules.crossed(key, owner), key + " is " + owner + "'s own");
        }
    }

    @Test
    void aTenantWhoseIdIsAPrefixOfAnotherDoesNotOwnItsKeys() {
        assertNotNull(rules.crossed("tenant:acmeglobal:x", "acme"));
        assertNotNull(rules.crossed("tenant:acm:x", "acme"));
    }

    @ParameterizedTest
    @CsvSource({
        // pattern, reaches other tenants' keys for acme
        "tenant:acme:*, false",
        "tenant:acme:orders:*, false",
        "tenant:acme:?, false",
        "tenant:acme*, true",
        "tenant:*, true",
        "tenant:*:orders, true",
        "*, true",
        "ten*, true",
        "t?nant:acme:*, true",
        "tenant:[ag]*, true",
        "tenant:\\\\acme:*, true",
        "free:*, false",
        "cache:users:acme:*, false",
        "cache:users:*, true",
        "cache:*:acme:*, true",
        "sess-*, true",
        "sess-acme, false",
        "sess-globex, true",
        "tenant:globex:x, true",
        "tenant:acme:x, false",
    })
    void patternsThatCanReachAnotherTenantsKeys(String pattern, boolean reaches) {
        assertEquals(reaches, rules.reachedByPattern(pattern, "acme") != null, pattern);
    }

    @Test
    void withNoTenantEveryPatternThatReachesARuleReachesOthers() {
        assertNotNull(rules.reachedByPattern("tenant:acme:*", null));
        assertNull(rules.reachedByPattern("free:*", null));
    }
}
