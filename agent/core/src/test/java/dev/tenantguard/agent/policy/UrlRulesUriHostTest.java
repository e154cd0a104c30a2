package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.fuzz.SeededCases;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The host pre-filter of a {@code URI}'s host ({@link UrlRules#mayMatchUriHost}), which trusts the
 * URI's parser instead of scanning the host, and each rule's last-character compare, held against
 * independent references on hosts chosen to break them: a covered URL is never filtered out, and
 * the answer is the scanning pre-filter's for every host a {@code URI} accepts.
 */
class UrlRulesUriHostTest {
    private static final List<List<String>> POLICIES = List.of(
            List.of("https://{tenant}.api.example.com/**", "http://billing.internal/v1/tenants/{tenant}/**"),
            List.of("http://api-{tenant}.example.com/**", "http://files.example.org:8080/t/{tenant}/**"),
            List.of("http://{tenant}.svc-9/**", "http://edge-1/t/{tenant}/**", "http://a.b_c/t/{tenant}/**"),
            List.of("http://{tenant}/**"),
            List.of("http://acme.{tenant}/**", "http://x.example.com/t/{tenant}/**"),
            List.of("http://API.Example.COM/t/{tenant}/**"),
            List.of("http://10.0.0.5/t/{tenant}/**", "http://status.example.com/t/{tenant}/**"));

    private static final String[] LABELS = {"acme", "ACME", "globex", "api", "API", "example", "Example", "com",
            "COM", "org", "internal", "INTERNAL", "billing", "svc-9", "SVC-9", "edge-1", "9", "x", "b", "files",
            "status", "api-acme", "Api-Acme", "comm", "co", "m", "e-x", "xn--bcher-kva", "10", "0", "5"};

    /** A host name as a URL might spell it; kept only where {@link URI} reads it as the host. */
    private static String host(Random random) {
        int form = random.nextInt(10);
        if (form == 0) {
            return SeededCases.oneOf(random, "10.0.0.5", "10.0.0.05", "127.0.0.1", "[::1]", "[fd00::5]",
                    "[::ffff:10.0.0.5]", "localhost", "LOCALHOST.");
        }
        StringBuilder host = new StringBuilder();
        int labels = 1 + random.nextInt(4);
        for (int i = 0; i < labels; i++) {
            host.append(i == 0 ? "" : ".").append(LABELS[random.nextInt(LABELS.length)]);
        }
        if (form == 1) {
            host.append('.');
        }
        return host.toString();
    }

    private static void uriHostFilterAnswersAsTheScanningOne(String spelled) {
        URI uri;
        try {
            uri = URI.create("http://" + spelled + ":8080/t/acme/x");
        } catch (IllegalArgumentException notAUri) {
            return; // not a host a URI holds: the URI route never sees it
        }
        String host = uri.getHost();
        if (host == null) {
            return;
        }
        for (List<String> policy : POLICIES) {
            UrlRules rules = new UrlRules(policy);
            boolean filtered = rules.mayMatchUriHost(host);
            assertEquals(rules.mayMatch(host), filtered, policy + " on " + host);
            if (filtered) {
                continue; // checked by the full match (and an address rule's match would look the host up)
            }
            for (String scheme : new String[] {"http", "https"}) {
                for (int port : new int[] {-1, 8080}) {
                    URI each = URI.create(scheme + "://" + host + (port < 0 ? "" : ":" + port) + "/t/acme/x");
                    if (rules.match(each) != null) {
                        assertTrue(filtered, policy + " covers " + each + " but the pre-filter let it pass");
                    }
                }
            }
        }
    }

    @Test
    void generatedHosts() {
        SeededCases.run(2612L, 800, UrlRulesUriHostTest::host, UrlRulesUriHostTest::uriHostFilterAnswersAsTheScanningOne);
    }

    /**
     * The last-character compare against a reference made of what it replaced alone: a plain host
     * (ASCII, no escape, no trailing dot) may match a rule that names an address, or the rule's
     * literal host or literal suffix ignoring case — nothing else.
     */
    @Test
    void theLastCharacterCompareAnswersAsTheCaseInsensitiveSuffixCompare() {
        Random random = new Random(77L);
        for (int i = 0; i < 2_000; i++) {
            String host = host(random);
            for (List<String> policy : POLICIES) {
                for (String pattern : policy) {
                    UrlRule rule = UrlRule.compile(pattern);
                    assertEquals(reference(rule, host), rule.mayMatchHost(host), pattern + " on " + host);
                }
            }
        }
    }

    private static boolean reference(UrlRule rule, String host) {
        if (!UrlRule.isPlainHost(host, 0, host.length()) || rule.namesAddress()) {
            return true;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (rule.hostLiteral() != null) {
            return lower.equals(rule.hostLiteral());
        }
        return lower.length() > rule.hostSuffix().length() && lower.endsWith(rule.hostSuffix());
    }

    @Test
    void aHostNoRuleNamesIsFilteredOutAndOneThatEndsAsARuleMayMatch() {
        UrlRules rules = new UrlRules(POLICIES.get(0));

        assertFalse(rules.mayMatchUriHost(URI.create("https://status.example.org/v1").getHost()));
        assertFalse(rules.mayMatchUriHost(URI.create("https://api.example.co/v1").getHost()));
        assertFalse(rules.mayMatchUriHost(URI.create("https://billing.internal.evil.com/v1").getHost()));
        assertTrue(rules.mayMatchUriHost(URI.create("https://GLOBEX.API.EXAMPLE.COM/v1").getHost()));
        assertTrue(rules.mayMatchUriHost(URI.create("https://globex.api.example.com./v1").getHost()));
        assertTrue(rules.mayMatchUriHost(URI.create("http://BILLING.INTERNAL/v1").getHost()));
        assertFalse(rules.mayMatchUriHost(URI.create("http://[::1]/v1").getHost()));
        assertTrue(new UrlRules(POLICIES.get(6)).mayMatchUriHost(URI.create("http://[::1]/v1").getHost()));
    }

    /**
     * Spellings of a covered host that a scan would have to decode (an escape, a full-width letter,
     * an ideographic full stop, an underscore): java.net.URI either refuses them or keeps no host
     * (the hook then hands the URL to the full check), so none is filtered out on the URI route —
     * the premise {@link UrlRules#mayMatchUriHost} rests on. On the URL route (HttpURLConnection,
     * the libraries) the host comes as spelled, and the scanning pre-filter must admit each one.
     */
    @Test
    void aCoveredHostSpelledToSlipPastTheFilterIsNeverFilteredOut() {
        UrlRules rules = new UrlRules(POLICIES.get(0));
        String[] spellings = {"globex.api.example.co%6D", "globex.api.example.co%6d", "globex.api.example.co\uFF4D",
                "globex.api.example.com\u3002", "\uFF47lobex.api.example.com", "glo_bex.api.example.com",
                "globex.api.example.com%2e", "globex%2Eapi.example.com", "globex.api.example.c%4Fm",
                "globex.api.example.com\u0000"};
        for (String spelled : spellings) {
            if (spelled.chars().anyMatch(c -> c < 0x20)) {
                // the scanning pre-filter reads a control character as plain: the JDK's URL refuses it in a host
                // (and its resolver a NUL), so no request reaches a host spelled so
                assertThrows(java.net.MalformedURLException.class, () -> new java.net.URL("https://" + spelled + "/v1"));
            } else {
                assertTrue(rules.mayMatch(spelled), spelled + " filtered out on the URL route");
            }
            String text = "https://" + spelled + "/v1";
            URI uri;
            try {
                uri = new URI(text);
            } catch (java.net.URISyntaxException refused) {
                continue; // HttpClient cannot be asked for it
            }
            String host = uri.getHost();
            assertTrue(host == null || rules.mayMatchUriHost(host), spelled + " read as host " + host + " and filtered out");
        }
        assertTrue(URI.create("https://globex.api.example.co%6D/v1").getHost() == null,
                "an escaped host name leaves no host: the hook treats the URL as covered");
    }
}
