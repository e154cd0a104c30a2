package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The allow path's decision in place ({@link UrlRules#allowsInPlace}) against the full one
 * ({@link UrlRules#match} then {@link UrlMatch#allows}): it never allows what the full decision does
 * not, on hand-picked spellings that normalization changes and on generated ones (fixed seed); and it
 * does decide the plain URLs of the own tenant, else the allow path would still allocate.
 */
class UrlRulesInPlaceTest {
    private static final UrlRules RULES = new UrlRules(List.of("https://{tenant}.api.example.com/**",
            "http://billing.internal/v1/tenants/{tenant}/**", "http://files.internal:8080/t/{tenant}/docs/*"));
    private static final UrlRules WITH_ADDRESS = new UrlRules(List.of("http://billing.internal/v1/tenants/{tenant}/**",
            "http://10.0.0.5/v1/tenants/{tenant}/**"));
    private static final List<String> TENANTS = List.of("acme", "globex", "ACME", "acm", "acmex");

    private static final List<String> SPELLINGS = List.of(
            "https://acme.api.example.com/v1/orders/1001",
            "https://acme.api.example.com",
            "https://acme.api.example.com:443/v1/orders?x=1#top",
            "https://acme.api.example.com:8443/v1/orders",
            "https://ACME.api.example.com/v1/orders",
            "https://acme.api.example.com./v1/orders",
            "https://ac%6De.api.example.com/v1/orders",
            "http://acme.api.example.com/v1/orders",
            "https://user@acme.api.example.com/v1/orders",
            "http://billing.internal/v1/tenants/acme/orders",
            "http://billing.internal:80/v1/tenants/acme/orders",
            "http://billing.internal/v1/tenants/acme",
            "http://billing.internal/v1/tenants/acme/../globex/orders",
            "http://billing.internal/v1/tenants/globex/%2e%2e/acme/orders",
            "http://billing.internal/v1/tenants/ac%6De/orders",
            "http://billing.internal/v1/tenants/acme;x=1/orders",
            "http://billing.internal/v1/tenants//acme/orders",
            "http://billing.internal/v1/tenants/acme/orders/",
            "http://billing.internal/v1/TENANTS/acme/orders",
            "http://billing.internal/v1/tenants/acme/o(r)d'e*r+s,=:@!$&~",
            "http://files.internal:8080/t/acme/docs/a.txt",
            "http://files.internal/t/acme/docs/a.txt",
            "http://files.internal:8080/t/acme/docs/a/b.txt",
            "http://10.0.0.5/v1/tenants/acme/orders",
            "http://other.example.org/v1/tenants/globex/orders");

    @Test
    void neverAllowsWhatTheFullDecisionRefuses() throws Exception {
        for (UrlRules rules : List.of(RULES, WITH_ADDRESS)) {
            for (String spelling : SPELLINGS) {
                for (String tenant : TENANTS) {
                    assertAgrees(rules, spelling, tenant);
                }
                assertAgrees(rules, spelling, null);
            }
        }
    }

    @Test
    void neverAllowsWhatTheFullDecisionRefusesOnGeneratedUrls() throws Exception {
        Random random = new Random(16);
        String[] hosts = {"acme.api.example.com", "globex.api.example.com", "billing.internal", "files.internal",
                "Billing.internal", "billing.internal.", "b%69lling.internal", "other.org", "10.0.0.5", "10.0.0.6",
                "10.0.0.05", "010.0.0.5", "10.0.5", "167772165", "10.0.0.5.", "0x0a.0.0.5", "localhost"};
        String[] segments = {"v1", "tenants", "acme", "globex", "t", "docs", "a.txt", "..", ".", "", "%61cme", "ac;me",
                "x~y", "q(1)", "a:b", "a@b", "*"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder url = new StringBuilder(random.nextBoolean() ? "http://" : "https://");
            url.append(hosts[random.nextInt(hosts.length)]);
            if (random.nextInt(4) == 0) {
                url.append(':').append(new int[] {80, 443, 8080, 8443}[random.nextInt(4)]);
            }
            int depth = random.nextInt(6);
            for (int s = 0; s < depth; s++) {
                url.append('/').append(segments[random.nextInt(segments.length)]);
            }
            if (random.nextInt(5) == 0) {
                url.append("?q=").append(segments[random.nextInt(segments.length)]);
            }
            String tenant = random.nextInt(10) == 0 ? null : TENANTS.get(random.nextInt(2));
            assertAgrees(random.nextBoolean() ? RULES : WITH_ADDRESS, url.toString(), tenant);
        }
    }

    @Test
    void decidesThePlainUrlsOfTheOwnTenantInPlace() throws Exception {
        for (String plain : List.of("https://acme.api.example.com/v1/orders/1001", "https://acme.api.example.com",
                "https://acme.api.example.com:443/v1/orders?x=1#top", "http://billing.internal/v1/tenants/acme/orders",
                "http://files.internal:8080/t/acme/docs/a.txt", "http://other.example.org/v1/tenants/globex/orders")) {
            assertTrue(RULES.allowsInPlace(new URI(plain), "acme"), plain);
            assertTrue(RULES.allowsInPlace(new URL(plain), "acme"), plain);
        }
        assertFalse(RULES.allowsInPlace(new URI("http://billing.internal/v1/tenants/globex/orders"), "acme"));
        assertFalse(RULES.allowsInPlace(new URL("http://billing.internal/v1/tenants/globex/orders"), "acme"));
    }

    /** The in-place decision allows only what the full one allows, from the URI and from the URL alike. */
    private static void assertAgrees(UrlRules rules, String spelling, String tenant) throws MalformedURLException {
        URI uri = null;
        try {
            uri = new URI(spelling);
        } catch (URISyntaxException e) {
            // only the URL's text is read then
        }
        if (uri != null && rules.allowsInPlace(uri, tenant)) {
            UrlMatch match = rules.match(uri);
            assertTrue(match == null || match.allows(tenant), spelling + " for " + tenant + " by URI: " + match);
        }
        URL url = new URL(spelling);
        if (rules.allowsInPlace(url, tenant)) {
            UrlMatch match = rules.match(url.toExternalForm());
            assertTrue(match == null || match.allows(tenant), spelling + " for " + tenant + " by URL: " + match);
        }
    }

    @Test
    void aRuleNamingAnAddressIsDecidedInPlaceOnlyForTheAddressInItsPlainForm() throws Exception {
        List<Boolean> decided = new ArrayList<>();
        for (String url : List.of("http://10.0.0.5/v1/tenants/acme/orders", "http://10.0.0.6/v1/tenants/acme/orders",
                "http://10.0.0.05/v1/tenants/acme/orders", "http://10.0.5/v1/tenants/acme/orders",
                "http://167772165/v1/tenants/acme/orders", "http://localhost/v1/tenants/acme/orders")) {
            decided.add(WITH_ADDRESS.allowsInPlace(new URI(url), "acme"));
        }
        // the address itself, and another address (no rule covers it); other spellings need the full match
        assertEquals(List.of(true, true, false, false, false, false), decided);
        assertFalse(WITH_ADDRESS.allowsInPlace(new URI("http://10.0.0.5/v1/tenants/globex/orders"), "acme"));
    }
}
