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

    /** Spring Cache's default keys, {@code <cache name>::<key>}: the two colons are an empty segment. */
    @Test
    void springCacheKeys() {
        KeyRules cache = new KeyRules(List.of("prices::{tenant}:**", "stock::{tenant}:*"));
        assertNull(cache.crossed("prices::acme:SKU-1", "acme"));
        assertEquals("globex", KeyRules.owner(cache.crossed("prices::globex:SKU-1", "acme"), "prices::globex:SKU-1"));
        // a key that forgets the tenant: its first segment stands where the tenant would
        assertEquals("SKU-1", KeyRules.owner(cache.crossed("prices::SKU-1", "acme"), "prices::SKU-1"));
        // with '*' after the tenant, the same key has too few segments and is under no rule
        assertNull(cache.crossed("stock::SKU-1", "acme"));
        assertNull(cache.crossed("prices:acme:SKU-1", "nobody"), "one colon is not Spring's prefix");
        // @CacheEvict(allEntries = true) scans the whole cache
        assertNotNull(cache.reachedByPattern("prices::*", "acme"));
        assertNull(cache.reachedByPattern("prices::acme:*", "acme"));
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
