package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A rule that names an address is compared with the address the URL's host names — every spelling
 * the JDK's resolver (and so every client) reads as that address — not with the host's text.
 */
class UrlAddressRuleTest {
    private final UrlRules rules = new UrlRules(List.of("http://127.0.0.1:8080/tenants/{tenant}/**",
            "http://[fd00::5]/v1/{tenant}/**"));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1", "127.0.1", "2130706433", "127.000.000.001", "0127.0.0.1",
            "127.0.0.01", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "127.0.0.1.",
            "%31%32%37.0.0.1", "\uff11\uff12\uff17.0.0.1", "LOCALHOST", "localhost"})
    void everySpellingOfTheAddressIsTheRulesAddress(String host) {
        UrlMatch match = rules.match("http://" + host + ":8080/tenants/globex/x");
        assertNotNull(match, host);
        assertEquals("globex", match.tenant(), host);
        assertTrue(match.allows("globex"), host);
        assertTrue(!match.allows("acme"), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "[::127.0.0.1]", "127.0.0.2", "[::1]"})
    void otherAddressesAreNotTheRulesAddress(String host) {
        // the JDK reads a leading zero as decimal: 0177.0.0.1 is 177.0.0.1, where every client connects
        assertNull(rules.match("http://" + host + ":8080/tenants/globex/x"), host);
    }

    @Test
    void anotherPortOrPathIsNotTheRule() {
        assertNull(rules.match("http://127.1:8081/tenants/globex/x"));
        assertNull(rules.match("http://127.1:8080/other/globex/x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[fd00::5]", "[fd00:0:0:0:0:0:0:5]", "[FD00::0005]", "[fd00::5%25lo]"})
    void ipv6SpellingsAndZoneIds(String host) {
        UrlMatch match = rules.match("http://" + host + "/v1/globex/x");
        assertNotNull(match, host);
        assertEquals("globex", match.tenant(), host);
    }

    @Test
    void aHostThatCannotBeResolvedIsNotVerifiedWhenTheRuleNamesAnAddress() {
        UrlMatch match = rules.match("http://0x7f.0.0.1:8080/tenants/acme/x");
        assertNotNull(match);
        assertNotNull(match.notVerified());
        assertTrue(match.notVerified().contains("could not be resolved"), match.notVerified());
        assertTrue(!match.allows("acme"));
        // a URL the rule's path does not cover is not looked up at all
        assertNull(rules.match("http://0x7f.0.0.1:8080/elsewhere"));
    }

    @Test
    void theHostPrefilterAdmitsEveryHostOnlyWhenARuleNamesAnAddress() {
        assertTrue(rules.mayMatch("anything.example.com"));
        assertTrue(!new UrlRules(List.of("https://{tenant}.api.example.com/**")).mayMatch("anything.example.com"));
    }

    @Test
    void rulesNamingAddressesAreValidated() {
        assertTrue(UrlRule.compile("http://10.0.0.5/t/{tenant}/**").namesAddress());
        assertTrue(UrlRule.compile("http://[::1]:8080/t/{tenant}/**").namesAddress());
        assertTrue(!UrlRule.compile("https://{tenant}.api.example.com/**").namesAddress());
        assertThrows(IllegalArgumentException.class, () -> UrlRule.compile("http://[::1/t/{tenant}/**"));
        assertThrows(IllegalArgumentException.class, () -> UrlRule.compile("http://[not-v6]/t/{tenant}/**"));
    }
}
