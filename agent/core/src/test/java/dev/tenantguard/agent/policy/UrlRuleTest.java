package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compiling one http rule, validating it, and matching normalized URLs against it. */
class UrlRuleTest {

    /** The tenant {@code rule} captures from {@code url}, or null when it does not match. */
    private static String owner(String rule, String url) {
        UrlMatch match = UrlRule.compile(rule).match(url);
        return match == null ? null : match.tenant();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
            // {tenant} as a whole host label
            "https://{tenant}.api.example.com/**,        https://acme.api.example.com/x,           acme",
            "https://{tenant}.api.example.com/**,        https://acme.api.example.com,             acme",
            "https://{tenant}.api.example.com/**,        https://a.b.api.example.com/x,            ",
            "https://{tenant}.api.example.com/**,        https://api.example.com/x,                ",
            "https://{tenant}.api.example.com/**,        https://acme.api.example.org/x,           ",
            "https://{tenant}.api.example.com/**,        https://acme.xapi.example.com/x,          ",
            // {tenant} inside a host label, with * in a label
            "https://api-{tenant}.example.com/**,        https://api-acme.example.com/,            acme",
            "https://api-{tenant}.example.com/**,        https://api-acme-eu.example.com/,         acme-eu",
            "https://api-{tenant}.example.com/**,        https://api-.example.com/,                ",
            "https://api-{tenant}.example.com/**,        https://xapi-acme.example.com/,           ",
            "https://{tenant}-*.example.com/**,          https://acme-eu1.example.com/,            acme",
            "https://{tenant}.*.example.com/**,          https://acme.eu.example.com/,             acme",
            "https://{tenant}.*.example.com/**,          https://acme.example.com/,                ",
            "https://{tenant}.api.example.com/v1/**,     https://acme.api.example.com/v1/a,        acme",
            "https://{tenant}.api.example.com/v1/**,     https://acme.api.example.com/v2/a,        ",
            // {tenant} as a path segment
            "http://billing.internal/v1/tenants/{tenant}/**,  http://billing.internal/v1/tenants/acme/x,   acme",
            "http://billing.internal/v1/tenants/{tenant}/**,  http://billing.internal/v1/tenants/acme,     acme",
            "http://billing.internal/v1/tenants/{tenant}/**,  http://billing.internal/v1/tenants,          ",
            "http://billing.internal/v1/tenants/{tenant},     http://billing.internal/v1/tenants/acme,     acme",
            "http://billing.internal/v1/tenants/{tenant},     http://billing.internal/v1/tenants/acme/x,   ",
            "http://billing.internal/v1/tenants/{tenant},     http://billing.internal/v1/tenants/acme/,    acme",
            "http://billing.internal/v1/tenants/{tenant}/**,  http://other.internal/v1/tenants/acme,       ",
            "http://billing.internal/v1/tenants/{tenant}/**,  http://billing.internal/V1/tenants/acme,     ",
            "http://billing.internal/v1/tenants/{tenant}/**,  http://billing.internal/v1/tenants/ACME,     ACME",
            // * within a path segment, ** for any depth
            "http://b.internal/v*/t/{tenant}/**,         http://b.internal/v2/t/acme/x,            acme",
            "http://b.internal/v*/t/{tenant}/**,         http://b.internal/x2/t/acme/x,            ",
            "http://b.internal/**/t/{tenant},            http://b.internal/t/acme,                 acme",
            "http://b.internal/**/t/{tenant},            http://b.internal/a/b/c/t/acme,           acme",
            "http://b.internal/**/t/{tenant},            http://b.internal/a/b/c/t/acme/x,         ",
            "http://b.internal/t/{tenant}-*.csv,         http://b.internal/t/acme-1.csv,           acme",
            "http://b.internal/t/{tenant}.csv,           http://b.internal/t/acme.csv,             acme",
            "http://b.internal/t/{tenant}/**/blob,       http://b.internal/t/acme/a/b/blob,        acme",
            // a rule without a path covers the host; a rule of / only the root
            "https://{tenant}.api.example.com,           https://acme.api.example.com/a/b,         acme",
            "https://{tenant}.api.example.com/,          https://acme.api.example.com/,            acme",
            "https://{tenant}.api.example.com/,          https://acme.api.example.com/a,           ",
            // ports, written and default
            "https://{tenant}.api.example.com:443/**,    https://acme.api.example.com/x,           acme",
            "https://{tenant}.api.example.com/**,        https://acme.api.example.com:443/x,       acme",
            "https://{tenant}.api.example.com:8443/**,   https://acme.api.example.com:8443/x,      acme",
            "https://{tenant}.api.example.com:8443/**,   https://acme.api.example.com/x,           ",
            "http://{tenant}.internal/**,                http://acme.internal:80/x,                acme",
            "http://{tenant}.internal/**,                http://acme.internal:8080/x,              ",
            // scheme and host case in the rule
            "HTTPS://{tenant}.API.Example.COM/**,        https://acme.api.example.com/x,           acme",
            "https://{tenant}.api.example.com./**,       https://acme.api.example.com/x,           acme",
            "https://{tenant}.api.example.com/**,        http://acme.api.example.com/x,            ",
            // percent escapes in a rule are normalized like the path
            "http://b.internal/my%7eapp/{tenant},        http://b.internal/my~app/acme,            acme",
            "http://b.internal/my%20app/{tenant},        http://b.internal/my%20app/acme,          acme",
            "http://b.internal/my%20app/{tenant},        http://b.internal/my app/acme,            acme",
    })
    void matchesAndCaptures(String rule, String url, String expectedOwner) {
        assertEquals(expectedOwner, owner(rule, url));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                          | an http rule is empty",
            "billing.internal/{tenant}                   | http rule 'billing.internal/{tenant}' has no scheme (start it with http:// or https://)",
            "//billing.internal/{tenant}                 | http rule '//billing.internal/{tenant}' has no scheme (start it with http:// or https://)",
            "ftp://files.internal/{tenant}               | http rule 'ftp://files.internal/{tenant}' has scheme 'ftp': only http and https",
            "http://billing.internal/tenants             | http rule 'http://billing.internal/tenants' has no {tenant}",
            "http://{tenant}.internal/{tenant}           | http rule 'http://{tenant}.internal/{tenant}' has {tenant} more than once",
            "http://b.internal/{tenant}/{id}             | http rule 'http://b.internal/{tenant}/{id}' has '{' or '}' outside {tenant} (it is the only placeholder)",
            "http://b.internal:80x/{tenant}              | http rule 'http://b.internal:80x/{tenant}' has a bad port '80x' (1-65535, or none for the scheme's default)",
            "http://b.internal:0/{tenant}                | http rule 'http://b.internal:0/{tenant}' has a bad port '0' (1-65535, or none for the scheme's default)",
            "http://b.internal:65536/{tenant}            | http rule 'http://b.internal:65536/{tenant}' has a bad port '65536' (1-65535, or none for the scheme's default)",
            "http://b.internal:/{tenant}                 | http rule 'http://b.internal:/{tenant}' has a bad port '' (1-65535, or none for the scheme's default)",
            "http://b.internal:{tenant}/x                | http rule 'http://b.internal:{tenant}/x' has {tenant} in its port (it stands in a host label or a path segment)",
            "http{tenant}://b.internal/x                 | http rule 'http{tenant}://b.internal/x' has {tenant} in its scheme (it stands in a host label or a path segment)",
            "http://user@b.internal/{tenant}             | http rule 'http://user@b.internal/{tenant}' has user-info before '@' (write only the host; user-info is ignored in URLs)",
            "http://{tenant}@b.internal/                 | http rule 'http://{tenant}@b.internal/' has user-info before '@' (write only the host; user-info is ignored in URLs)",
            "http:///{tenant}                            | http rule 'http:///{tenant}' has no host",
            "https://{tenant}.**.example.com/            | http rule 'https://{tenant}.**.example.com/' has '**' in its host ('*' and {tenant} stand within one host label)",
            "https://{tenant}..example.com/              | http rule 'https://{tenant}..example.com/' has an empty label in its host",
            "https://{tenant}.ex!ample.com/              | http rule 'https://{tenant}.ex!ample.com/' has '!' in its host (letters, digits, '-', '_', '*' and {tenant})",
            "http://b.internal/a/../{tenant}             | http rule 'http://b.internal/a/../{tenant}' has a '..' segment (write the path it means)",
            "http://b.internal/a/%2e/{tenant}            | http rule 'http://b.internal/a/%2e/{tenant}' has a '.' segment (write the path it means)",
            "http://b.internal/a%2Fb/{tenant}            | http rule 'http://b.internal/a%2Fb/{tenant}' has an encoded '/' (ambiguous: it may be a separator)",
            "http://b.internal/a%zz/{tenant}             | http rule 'http://b.internal/a%zz/{tenant}' has a '%' that is not followed by two hex digits",
            "http://b.internal/a;v=1/{tenant}            | http rule 'http://b.internal/a;v=1/{tenant}' has a ';' in its path (path parameters are dropped before matching)",
            "http://b.internal/a\\b/{tenant}             | http rule 'http://b.internal/a\\b/{tenant}' has a '\\' (write '/')",
            "http://b.internal/{tenant}?x=1              | http rule 'http://b.internal/{tenant}?x=1' has a query or fragment (rules match scheme, host, port and path; query and fragment are ignored)",
            "http://b.internal/{tenant}#top              | http rule 'http://b.internal/{tenant}#top' has a query or fragment (rules match scheme, host, port and path; query and fragment are ignored)",
            "http://b.internal/a b/{tenant}              | http rule 'http://b.internal/a b/{tenant}' has whitespace or a control character",
            "http://bücher.internal/{tenant}             | http rule 'http://bücher.internal/{tenant}' has a non-ASCII character (write the host in its xn-- form, the path percent-encoded)",
    })
    void invalidRulesAreRejectedWithAClearMessage(String rule, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlRule.compile(rule));

        assertEquals(message, e.getMessage());
    }

    @Test
    void aNullRuleIsEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UrlRule.compile(null));

        assertEquals("an http rule is empty", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            // rule,                                        scheme, port, tenantInHost, hostLiteral,       hostSuffix
            "https://{tenant}.api.example.com/**,           https,  443,  true,         null,              .api.example.com",
            "HTTP://API-{tenant}.Example.com:8080,          http,   8080, true,         null,              .example.com",
            "http://billing.internal/v1/tenants/{tenant},   http,   80,   false,        billing.internal,  .billing.internal",
            "http://{tenant}/**,                            http,   80,   true,         null,              ''",
            "https://x.{tenant}/**,                         https,  443,  true,         null,              ''",
    })
    void compiledParts(String rule, String scheme, int port, boolean tenantInHost, String hostLiteral,
            String hostSuffix) {
        UrlRule compiled = UrlRule.compile(rule);

        assertEquals(rule, compiled.pattern());
        assertEquals(rule, compiled.toString());
        assertEquals(scheme, compiled.scheme());
        assertEquals(port, compiled.port());
        assertEquals(tenantInHost, compiled.tenantInHost());
        assertEquals(hostLiteral, compiled.hostLiteral());
        assertEquals(hostSuffix, compiled.hostSuffix());
    }

    @Test
    void surroundingWhitespaceIsNotPartOfTheRule() {
        assertEquals("https://{tenant}.api.example.com/**", UrlRule.compile("  https://{tenant}.api.example.com/**\n").pattern());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "acme.api.example.com,      true",
            "ACME.Api.Example.COM,      true",
            "acme.api.example.com.,     true",
            "%61cme.api.example.com,    true",
            "api.example.com,           false",
            "acme.api.example.co,       false",
            "acme-api.example.com,      false",
            "'',                        true",
    })
    void mayMatchHostBySuffix(String host, boolean expected) {
        assertEquals(expected, UrlRule.compile("https://{tenant}.api.example.com/**").mayMatchHost(host));
    }

    @Test
    void mayMatchHostOfALiteralHostIsExact() {
        UrlRule rule = UrlRule.compile("http://billing.internal/v1/tenants/{tenant}/**");

        assertTrue(rule.mayMatchHost("billing.internal"));
        assertTrue(rule.mayMatchHost("Billing.Internal"));
        assertFalse(rule.mayMatchHost("x.billing.internal"));
        assertFalse(rule.mayMatchHost("billing.internals"));
    }

    @Test
    void matchesAUri() {
        UrlRule rule = UrlRule.compile("https://{tenant}.api.example.com/**");

        assertEquals("globex", rule.match(URI.create("https://acme.api.example.com@GLOBEX.api.example.com/x")).tenant());
        assertNull(rule.match(URI.create("https://acme.api.example.org/x")));
        assertNull(rule.match(URI.create("/relative/only")));
    }

    @Test
    void aHostCaptureIsLowerCaseAPathCaptureKeepsItsCase() {
        assertEquals("acme", owner("https://{tenant}.api.example.com/**", "https://ACME.api.example.com/"));
        assertEquals("Acme", owner("http://b.internal/t/{tenant}", "http://b.internal/t/Acme"));
    }

    @Test
    void theLongestCaptureWinsWhenTheRestAllowsSeveral() {
        assertEquals("a-b-c", owner("http://b.internal/t/{tenant}-*.csv", "http://b.internal/t/a-b-c-d.csv"));
        assertEquals("a-b", owner("https://{tenant}-*.example.com/**", "https://a-b-c.example.com/"));
    }

    @Test
    void doubleStarWalksDeepPathsWithoutDeepeningTheStack() {
        UrlRule rule = UrlRule.compile("http://b.internal/**/t/{tenant}");
        StringBuilder deep = new StringBuilder("http://b.internal");
        for (int i = 0; i < 20_000; i++) {
            deep.append("/d");
        }

        assertEquals("acme", rule.match(deep + "/t/acme").tenant());
        assertNull(rule.match(deep + "/t/acme/x"));
    }

    @Test
    void anUnparseableUrlGivesAnUnparseableMatch() {
        UrlMatch match = UrlRule.compile("https://{tenant}.api.example.com/**").match("https://a@b@acme.api.example.com/");

        assertTrue(match.isUnparseable());
        assertFalse(match.allows("acme"));
    }

    /**
     * A host of {@code {tenant}} and literal labels is matched by its suffix in one compare; the answer
     * is the label walk's, which {@code {tenant}*} (the same hosts, not that form) still takes.
     */
    @Test
    void aTenantLabelBeforeLiteralLabelsMatchesAsTheLabelWalkDoes() {
        UrlRule bySuffix = UrlRule.compile("https://{tenant}.api.example.com/**");
        UrlRule byLabels = UrlRule.compile("https://{tenant}*.api.example.com/**");
        String[] hosts = {"acme.api.example.com", "a.api.example.com", "a.b.api.example.com", ".api.example.com",
                "api.example.com", "acme.api.example.com.evil", "acmeapi.example.com", "acme.api.example.co",
                "acme.api.example.comm", "acme.xapi.example.com", "acme..api.example.com", "x", "",
                "acme.api.example.com.", "acme-1.api.example.com", "acme.API.example.com"};
        for (String host : hosts) {
            assertEquals(byLabels.capture("https", host, 443, "/v1/x"), bySuffix.capture("https", host, 443, "/v1/x"),
                    host);
        }
        assertEquals("acme", bySuffix.capture("https", "acme.api.example.com", 443, "/"));
        assertNull(bySuffix.capture("https", "a.b.api.example.com", 443, "/"));
        assertNull(bySuffix.capture("http", "acme.api.example.com", 443, "/"));
    }
}
