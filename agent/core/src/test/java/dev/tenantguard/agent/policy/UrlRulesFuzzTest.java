package dev.tenantguard.agent.policy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.fuzz.Corpus;
import dev.tenantguard.agent.fuzz.SeededCases;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz: URL rules that name an address, against an independent reference — {@link URI} for the
 * host (as the JDK client reads it, else the raw authority as the other clients read it) and
 * {@link InetAddress} for where it leads. Hosts are random spellings of a few addresses:
 * zero-padded, shortened, one number, IPv4-mapped and -compatible IPv6 in several forms,
 * percent-encoded digits, upper case, trailing dots. Zero false allows: when the socket would
 * reach the rule's address on the rule's port and path, the URL is never allowed to another tenant.
 * Fixed seed and budget; the committed corpus ({@code fuzz/url-hosts.txt}) runs too.
 */
class UrlRulesFuzzTest {
    private static final UrlRules RULES = new UrlRules(List.of("http://127.0.0.1:8080/t/{tenant}/**",
            "http://10.1.2.3:8080/t/{tenant}/**", "http://[fd00::7]:8080/t/{tenant}/**"));
    private static final List<int[]> ADDRESSES = List.of(new int[] {127, 0, 0, 1}, new int[] {127, 0, 0, 2},
            new int[] {10, 1, 2, 3}, new int[] {10, 1, 2, 4}, new int[] {0, 0, 0, 0}, new int[] {1, 0, 0, 127});

    /** A host: three in four a spelling of one of the IPv4 addresses, else an IPv6 or name spelling. */
    private static String host(Random random) {
        if (random.nextInt(4) < 3) {
            return spell(SeededCases.oneOf(random, ADDRESSES), random.nextInt(10), random.nextLong());
        }
        return SeededCases.oneOf(random, "[fd00::7]", "[FD00:0:0:0:0:0:0:7]", "[fd00::0007]", "[fd00::7%25lo]",
                "[fd00::8]", "[::1]", "[0:0:0:0:0:0:0:1]", "localhost", "LOCALHOST", "localhost.");
    }

    /** One spelling of {@code a}, chosen by {@code form}, varied by {@code noise}. */
    private static String spell(int[] a, int form, long noise) {
        long value = ((long) a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
        String dotted = a[0] + "." + a[1] + "." + a[2] + "." + a[3];
        return switch (form) {
            case 0 -> dotted;
            case 1 -> pad(a[0], noise) + "." + pad(a[1], noise >> 2) + "." + pad(a[2], noise >> 4) + "." + pad(a[3], noise >> 6);
            case 2 -> a[0] + "." + a[1] + "." + ((a[2] << 8) | a[3]);
            case 3 -> a[0] + "." + ((a[1] << 16) | (a[2] << 8) | a[3]);
            case 4 -> Long.toString(value);
            case 5 -> "[::ffff:" + dotted + "]";
            case 6 -> "[::ffff:" + Integer.toHexString((a[0] << 8) | a[1]) + ":" + Integer.toHexString((a[2] << 8) | a[3]) + "]";
            case 7 -> "[0:0:0:0:0:FFFF:" + dotted + "]";
            case 8 -> dotted + (noise % 2 == 0 ? "." : "");
            default -> percentEncodeSome(dotted, noise);
        };
    }

    private static String pad(int octet, long noise) {
        return "0".repeat((int) Math.floorMod(noise, 3)) + octet;
    }

    private static String percentEncodeSome(String host, long noise) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            out.append(((noise >> i) & 1) == 1 ? String.format(Locale.ROOT, "%%%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    @Test
    void generatedHosts() {
        SeededCases.run(4242L, 600, UrlRulesFuzzTest::host, UrlRulesFuzzTest::noUrlThatReachesTheRulesAddressIsAllowedToAnotherTenant);
    }

    @Test
    void corpusHosts() {
        SeededCases.runAll("url-hosts", Corpus.lines("url-hosts"),
                UrlRulesFuzzTest::noUrlThatReachesTheRulesAddressIsAllowedToAnotherTenant);
    }

    private static void noUrlThatReachesTheRulesAddressIsAllowedToAnotherTenant(String host) {
        String url = "http://" + host + ":8080/t/globex/data";
        List<InetAddress> reached = reference(url, host);
        boolean reachesRuleAddress = reached.stream().anyMatch(a -> a.getHostAddress().equals("127.0.0.1")
                || a.getHostAddress().equals("10.1.2.3") || a.getHostAddress().equals("fd00:0:0:0:0:0:0:7"));
        UrlMatch match = RULES.match(url);
        if (reachesRuleAddress) {
            assertNotNull(match, url + " reaches " + reached + " but no rule matched");
            assertTrue(!match.allows("acme"), url + " reaches " + reached + " and was allowed to acme");
        }
        // the converse (a match for a host no client reaches, e.g. "127.0.0.1." whose dot the agent
        // removes) is a refusal of a call that would fail anyway, never an allow: not asserted
    }

    /**
     * Where a client's socket goes for {@code url}: the host {@link URI} reads (the JDK clients),
     * or the raw host text (what the other clients hand the resolver), through {@link InetAddress};
     * percent-encoded text decoded first (OkHttp and Apache 4 decode it). Empty when nothing resolves.
     */
    private static List<InetAddress> reference(String url, String rawHost) {
        List<String> candidates = new ArrayList<>();
        try {
            String host = new URI(url).getHost();
            if (host != null) {
                candidates.add(host);
            }
        } catch (URISyntaxException e) {
            // the JDK HttpClient refuses it; the other clients still may send it
        }
        candidates.add(rawHost);
        candidates.add(java.net.URLDecoder.decode(rawHost, java.nio.charset.StandardCharsets.UTF_8));
        List<InetAddress> reached = new ArrayList<>();
        for (String candidate : candidates) {
            String h = candidate.startsWith("[") ? candidate.substring(1, candidate.length() - 1).replace("%25", "%")
                    : candidate;
            try {
                reached.addAll(List.of(InetAddress.getAllByName(h)));
            } catch (UnknownHostException | IllegalArgumentException e) {
                // this reading reaches nothing
            }
        }
        return reached;
    }
}
