package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A policy's http rules against the URLs an application sends, tricks included. */
class UrlRulesTest {

    private static final List<String> RULES = List.of(
            "https://{tenant}.api.example.com/**",
            "https://api-{tenant}.example.com/**",
            "http://billing.internal/v1/tenants/{tenant}/**",
            "http://reports.internal:8080/r*/{tenant}/**",
            "https://{tenant}.eu.example.com");

    private final UrlRules rules = new UrlRules(RULES);

    /**
     * The outcome as text: the tenant, {@code ""} when no rule covers the URL, {@code !} for an
     * unparseable URL, {@code a|b} for an ambiguous one (primary reading first).
     */
    private static String outcome(UrlMatch match) {
        if (match == null) {
            return "";
        }
        if (match.isUnparseable()) {
            return "!";
        }
        return match.isAmbiguous() ? match.tenant() + "|" + match.otherTenant() : match.tenant();
    }

    private String outcome(String url) {
        return outcome(rules.match(url));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            // host rule: own tenant and another tenant, any path depth
            "https://acme.api.example.com/orders,                              acme",
            "https://globex.api.example.com/orders,                            globex",
            "https://acme.api.example.com,                                     acme",
            "https://acme.api.example.com/,                                    acme",
            "https://acme.api.example.com/a/b/c/d/e/f/g/h,                     acme",
            // case, trailing dot, percent-encoded and full-width host characters
            "https://GLOBEX.API.EXAMPLE.COM/orders,                            globex",
            "HTTPS://Globex.Api.Example.Com/orders,                            globex",
            "https://globex.api.example.com./orders,                           globex",
            "https://globex.api.example.com../orders,                          globex",
            "https://%67lobex.api.example.com/orders,                          globex",
            "https://globex%2Eapi.example.com/orders,                          globex",
            "https://ｇlobex.api.example.com/orders,                           globex",
            // host label with a literal prefix
            "https://api-globex.example.com/x,                                 globex",
            "https://api-.example.com/x,                                       ''",
            "https://api.example.com/x,                                        ''",
            // default and other ports
            "https://globex.api.example.com:443/orders,                        globex",
            "https://globex.api.example.com:8443/orders,                       ''",
            "https://globex.api.example.com:80/orders,                         ''",
            "http://billing.internal:80/v1/tenants/globex/x,                   globex",
            "http://billing.internal:8080/v1/tenants/globex/x,                 ''",
            "http://reports.internal:8080/reports/globex/q1,                   globex",
            "http://reports.internal/reports/globex/q1,                        ''",
            // scheme mismatch and unknown hosts
            "http://globex.api.example.com/orders,                             ''",
            "https://billing.internal/v1/tenants/globex/x,                     ''",
            "ftp://globex.api.example.com/orders,                              ''",
            "https://globex.other.com/orders,                                  ''",
            "https://globex.eu.api.example.com/orders,                         ''",
            "https://api.example.com.evil.com/orders,                          ''",
            // path rule: own tenant, another tenant, outside the tenant subtree
            "http://billing.internal/v1/tenants/acme/invoices,                 acme",
            "http://billing.internal/v1/tenants/globex/invoices/7,             globex",
            "http://billing.internal/v1/tenants/globex,                        globex",
            "http://billing.internal/v1/tenants/globex/,                       globex",
            "http://billing.internal/v1/tenants,                               ''",
            "http://billing.internal/v1/other/globex,                          ''",
            "http://billing.internal/v2/tenants/globex,                        ''",
            // dot segments, plain and encoded
            "http://billing.internal/v1/tenants/acme/../globex/x,              globex",
            "http://billing.internal/v1/tenants/acme/./../globex,              globex",
            "http://billing.internal/v1/x/../tenants/globex,                   globex",
            "http://billing.internal/../../v1/tenants/globex,                  globex",
            "http://billing.internal/v1/tenants/acme/%2e%2E/globex/x,          globex|acme",
            "http://billing.internal/v1/tenants/acme/.%2e/globex/x,            globex|acme",
            "http://billing.internal/v1/tenants/acme/%252e%252e/globex/x,      globex|acme",
            "http://billing.internal/v1/tenants/acme/..;/globex/x,             globex|acme",
            "http://billing.internal/v1/tenants//globex/x,                     globex",
            // encoded slashes and backslashes: separators in the primary reading
            "http://billing.internal/v1/tenants/acme%2F..%2Fglobex,            globex|acme%2F..%2Fglobex",
            "http://billing.internal/v1/tenants/acme%2f..%2fglobex/x,          globex|acme%2F..%2Fglobex",
            "http://billing.internal/v1/tenants/globex%2F..%2Facme,            acme|globex%2F..%2Facme",
            "http://billing.internal/v1%2Ftenants%2Fglobex/x,                  globex",
            "http://billing.internal/v1/tenants/acme%5C..%5Cglobex,            globex|acme%5C..%5Cglobex",
            "http://billing.internal/v1/tenants/acme\\..\\globex,              globex|acme%5C..%5Cglobex",
            "http://billing.internal/v1/tenants/acme/files/a%2Fb,              acme",
            // percent-encoded letters, path parameters, unencoded spaces
            "http://billing.internal/v1/tenants/%67lobex/x,                    globex",
            "http://billing.internal/v1/tenants/globex;jsessionid=1/x,         globex",
            "http://billing.internal/v1/tenants/globex/a b,                    globex",
            // user-info tricks: the host is after the last @; an @ in the path is path
            "https://acme.api.example.com@globex.api.example.com/,             globex",
            "https://acme.api.example.com:x@globex.api.example.com/,           globex",
            "https://globex.api.example.com@evil.com/,                         ''",
            "https://acme.api.example.com/@globex.api.example.com/,            acme",
            "https://acme.api.example.com/x@globex.api.example.com,            acme",
            "https://acme.api.example.com?@globex.api.example.com/,            acme",
            "https://acme.api.example.com#@globex.api.example.com/,            acme",
            "https://a@b@globex.api.example.com/,                              !",
            "https://acme.api.example.com\\@globex.api.example.com/,           !",
            // query and fragment are ignored
            "http://billing.internal/v1/tenants/acme/x?tenant=globex,          acme",
            "http://billing.internal/v1/tenants/acme/x?next=/v1/tenants/globex, acme",
            "http://billing.internal/v1/tenants/acme#/../../globex,            acme",
            "https://acme.api.example.com/?host=globex.api.example.com,        acme",
            // * within a segment, ** depth
            "http://reports.internal:8080/r/globex,                            globex",
            "http://reports.internal:8080/reports2024/globex/a/b/c,            globex",
            "http://reports.internal:8080/x/reports/globex,                    ''",
            // a rule without a path covers the whole host
            "https://globex.eu.example.com,                                    globex",
            "https://globex.eu.example.com/any/depth/at/all,                   globex",
            // IPv6 and IP hosts never match a host rule
            "https://[::1]/orders,                                             ''",
            "https://10.0.0.5/orders,                                          ''",
            // unparseable: no host, bad port, control characters, invalid host characters
            "http:///v1/tenants/globex,                                        !",
            "http:billing.internal/v1/tenants/globex,                          !",
            "https://globex.api.example.com:99999/,                            !",
            "https://globex.api.example.com:4x3/,                              !",
            "https://glo bex.api.example.com/,                                 !",
            "https://globex.api..example.com/,                                 !",
            "https://globex%40api.example.com/,                                !",
            // not an absolute http(s) URL: nothing a client sends
            "/v1/tenants/globex,                                               ''",
            "mailto:globex@api.example.com,                                    ''",
    })
    void matchesUrls(String url, String expected) {
        assertEquals(expected, outcome(url));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://globex.api.example.com/orders?x=1",
            "https://GLOBEX.API.EXAMPLE.COM:443/orders",
            "https://acme.api.example.com@globex.api.example.com/orders",
            "http://billing.internal/v1/tenants/acme/../globex/x",
            "http://billing.internal/v1/tenants/acme/%2e%2e/globex/x",
            "http://billing.internal/v1/tenants/acme%2F..%2Fglobex",
            "https://ｇlobex.api.example.com/orders",
            "http://billing.internal/v1/tenants/%67lobex/x",
    })
    void uriAndTextGiveTheSameOutcome(String url) {
        URI uri = URI.create(url);

        assertEquals(outcome(rules.match(url)), outcome(rules.match(uri)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://GLOBEX.API.EXAMPLE.COM:443/orders?x=1#f,             https://globex.api.example.com/orders",
            "https://user:secret@globex.api.example.com/o,                https://globex.api.example.com/o",
            "http://billing.internal:80/v1/tenants/acme/../globex/x,      http://billing.internal/v1/tenants/globex/x",
            "http://billing.internal/v1/tenants/acme%2F..%2Fglobex,       http://billing.internal/v1/tenants/globex",
            "http://reports.internal:8080/r/globex,                       http://reports.internal:8080/r/globex",
    })
    void reportsTheNormalizedUrl(String url, String normalized) {
        assertEquals(normalized, rules.match(url).url());
    }

    @Test
    void allowsOnlyTheOwnTenant() {
        UrlMatch match = rules.match("https://acme.api.example.com/orders");

        assertTrue(match.allows("acme"));
        assertFalse(match.allows("globex"));
        assertFalse(match.allows(null));
        assertNull(match.crossedTenant("acme"));
        assertEquals("acme", match.crossedTenant("globex"));
        assertEquals("https://{tenant}.api.example.com/**", match.rule());
        assertEquals(rules.rule(0), match.compiledRule());
    }

    @Test
    void anAmbiguousUrlIsAllowedToNoTenant() {
        UrlMatch match = rules.match("http://billing.internal/v1/tenants/globex/%2e%2e/acme/x");

        assertTrue(match.isAmbiguous());
        assertEquals("acme", match.tenant());
        assertEquals("globex", match.otherTenant());
        assertFalse(match.allows("acme"));
        assertFalse(match.allows("globex"));
        assertEquals("globex", match.crossedTenant("acme"));
        assertEquals("acme", match.crossedTenant("globex"));
        assertEquals("acme", match.crossedTenant("initech"));
        assertEquals("http://billing.internal/v1/tenants/acme/x", match.url());
    }

    @Test
    void anUnparseableUrlIsAllowedToNoTenantAndMasksPasswords() {
        UrlMatch match = rules.match("https://u:hunter2@x@globex.api.example.com/");

        assertTrue(match.isUnparseable());
        assertFalse(match.allows("globex"));
        assertNull(match.tenant());
        assertNull(match.rule());
        assertNull(match.crossedTenant("globex"));
        assertEquals("https://u:***@globex.api.example.com/", match.url());
    }

    @Test
    void theFirstRuleThatMatchesWins() {
        UrlRules ordered = new UrlRules(List.of(
                "http://billing.internal/v1/tenants/{tenant}/**",
                "http://billing.internal/**/{tenant}"));

        UrlMatch first = ordered.match("http://billing.internal/v1/tenants/acme");
        UrlMatch second = ordered.match("http://billing.internal/v2/globex");

        assertEquals("acme", first.tenant());
        assertEquals("http://billing.internal/v1/tenants/{tenant}/**", first.rule());
        assertEquals("globex", second.tenant());
        assertEquals("http://billing.internal/**/{tenant}", second.rule());
    }

    @Test
    void aReadingNoRuleCoversDoesNotMakeItAmbiguous() {
        // the primary reading leaves the tenant subtree (/v1/admin): only the literal one is covered
        UrlMatch match = rules.match("http://billing.internal/v1/tenants/acme%2F..%2F..%2Fadmin");

        assertFalse(match.isAmbiguous());
        assertEquals("acme%2F..%2F..%2Fadmin", match.tenant());
        assertFalse(match.allows("acme"));
    }

    @Test
    void noRulesMatchNothingNotEvenUnparseableUrls() {
        UrlRules none = new UrlRules(List.of());

        assertTrue(none.isEmpty());
        assertEquals(0, none.size());
        assertFalse(none.mayMatch("globex.api.example.com"));
        assertNull(none.match("https://globex.api.example.com/"));
        assertNull(none.match("http:///x"));
        assertNull(none.match(URI.create("https://globex.api.example.com/")));
    }

    @Test
    void nullInputMatchesNothing() {
        assertNull(rules.match((String) null));
        assertNull(rules.match((URI) null));
        assertNull(rules.match((UrlNormalizer.Normalized) null));
    }

    @Test
    void anInvalidRuleFailsTheWholeSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UrlRules(List.of("https://{tenant}.api.example.com/**", "billing.internal/{tenant}")));

        assertEquals("http rule 'billing.internal/{tenant}' has no scheme (start it with http:// or https://)",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "globex.api.example.com,      true",
            "GLOBEX.API.EXAMPLE.COM,      true",
            "api-globex.example.com,      true",
            "x.example.com,               true",
            "billing.internal,            true",
            "BILLING.INTERNAL,            true",
            "reports.internal,            true",
            "globex.api.example.com.,     true",
            "%67lobex.api.example.com,    true",
            "ｇlobex.api.example.com,     true",
            "api.example.com.evil.com,    false",
            "example.com,                 false",
            "billing.internal.evil.com,   false",
            "xbilling.internal,           false",
            "localhost,                   false",
            "10.0.0.5,                    false",
            "[::1],                       false",
    })
    void mayMatchIsAHostPreFilter(String host, boolean expected) {
        assertEquals(expected, rules.mayMatch(host));
    }

    @Test
    void aRuleWhoseLastHostLabelIsNotLiteralMayMatchAnyHost() {
        UrlRules wide = new UrlRules(List.of("http://{tenant}/**"));

        assertTrue(wide.mayMatch("anything.example.com"));
        assertEquals("acme", wide.match("http://ACME/x").tenant());
        assertNull(wide.match("http://acme.internal/x"));
        assertNull(wide.match("http://[::1]/x"));
    }

    @Test
    void theHostPreFilterDoesNotHideTricks() {
        // no rule names evil.com, yet each of these reaches a tenant's host
        assertEquals("globex", outcome(rules.match("https://evil.com@globex.api.example.com/")));
        assertEquals("globex", outcome(rules.match(URI.create("https://evil.com@globex.api.example.com/"))));
        assertEquals("globex", outcome(rules.match("https://globex.api.example.com.:443/")));
    }
}
