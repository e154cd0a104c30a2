package dev.tenantguard.agent.policy;

import java.net.URI;
import java.util.List;

/**
 * The compiled http rules of a policy ({@code http.rules}), in order: the first rule that matches a
 * URL wins. Before any parsing, a host pre-filter lets URLs to hosts that no rule names pass
 * without allocating.
 *
 * <p>Input is a {@link URI} (JDK {@code HttpClient}, OkHttp's {@code HttpUrl.uri()}, Apache
 * {@code HttpRequest.getUri()}) or text ({@code URL.toExternalForm()} of an
 * {@code HttpURLConnection}). Either way the result is {@code null} (no rule covers the URL), or a
 * {@link UrlMatch} the caller decides with {@link UrlMatch#allows(String)}.
 */
public final class UrlRules {
    private final UrlRule[] rules;

    /** @throws IllegalArgumentException for the first invalid rule (see {@link UrlRule#compile}) */
    public UrlRules(List<String> patterns) {
        this.rules = new UrlRule[patterns.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = UrlRule.compile(patterns.get(i));
        }
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    public int size() {
        return rules.length;
    }

    public UrlRule rule(int index) {
        return rules[index];
    }

    /**
     * Whether a URL with this host (as a client holds it, any case) may fall under a rule. Exact for
     * plain host names, and allocation-free; a host with a trailing dot, {@code %} or non-ASCII
     * characters is conservatively "maybe", as is a rule whose last host label is not literal.
     */
    public boolean mayMatch(String host) {
        for (UrlRule rule : rules) {
            if (rule.mayMatchHost(host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Matches a URI. {@code null} when no rule covers it, including URIs that are not absolute
     * http(s) ones; an unparseable http(s) URI gives an {@link UrlMatch#isUnparseable() unparseable}
     * match (a violation).
     */
    public UrlMatch match(URI uri) {
        if (rules.length == 0 || uri == null) {
            return null;
        }
        String host = uri.getHost();
        if (host != null && !mayMatch(host)) {
            return null;
        }
        return match(UrlNormalizer.normalize(uri));
    }

    /** Matches a URL given as text; as {@link #match(URI)}. */
    public UrlMatch match(String url) {
        if (rules.length == 0 || url == null) {
            return null;
        }
        if (plainHostCannotMatch(url)) {
            return null;
        }
        return match(UrlNormalizer.normalize(url));
    }

    /** Matches a normalized URL; {@code null} when no rule covers it. */
    public UrlMatch match(UrlNormalizer.Normalized url) {
        if (rules.length == 0) {
            return null;
        }
        return UrlMatch.of(rules, url);
    }

    /**
     * True when {@code url} is plainly {@code http(s)://host[:port]} followed by {@code /}, {@code ?},
     * {@code #} or the end, its host has no character that needs decoding, and no rule may match
     * that host. Reads the text in place.
     */
    private boolean plainHostCannotMatch(String url) {
        int start;
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            start = 8;
        } else if (url.regionMatches(true, 0, "http://", 0, 7)) {
            start = 7;
        } else {
            return false;
        }
        int n = url.length();
        int hostEnd = -1;
        int end = start;
        for (; end < n; end++) {
            char c = url.charAt(end);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == ':' && hostEnd < 0) {
                hostEnd = end;
            } else if (c == '@' || c == '%' || c == '\\' || c == '[' || c == ':' || c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        if (hostEnd < 0) {
            hostEnd = end;
        }
        if (hostEnd == start || url.charAt(hostEnd - 1) == '.') {
            return false;
        }
        for (UrlRule rule : rules) {
            if (rule.mayMatchHost(url, start, hostEnd)) {
                return false;
            }
        }
        return true;
    }
}
