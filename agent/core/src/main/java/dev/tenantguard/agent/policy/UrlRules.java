package dev.tenantguard.agent.policy;

import java.net.URI;
import java.net.URL;
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
        return mayMatch(host, 0, host.length());
    }

    /**
     * As {@link #mayMatch(String)} for a host as {@link URI#getHost()} returns it. The URI's parser
     * lets only ASCII letters, digits, {@code -} and {@code .} into a host name (an IPv6 literal
     * starts with {@code [}), so such a host is plain unless it ends with a dot, and is not scanned
     * for escapes or non-ASCII characters: each rule compares its last character, then its suffix.
     */
    public boolean mayMatchUriHost(String host) {
        int n = host.length();
        if (rules.length == 0) {
            return false;
        }
        if (n == 0 || host.charAt(0) == '[' || host.charAt(n - 1) == '.') {
            return mayMatch(host, 0, n);
        }
        for (UrlRule rule : rules) {
            if (rule.mayMatchPlainHost(host, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #mayMatch(String)} for the host {@code text[from, to)}; the host's text is scanned once. */
    private boolean mayMatch(String text, int from, int to) {
        if (rules.length == 0) {
            return false;
        }
        if (!UrlRule.isPlainHost(text, from, to)) {
            return true;
        }
        for (UrlRule rule : rules) {
            if (rule.mayMatchPlainHost(text, from, to)) {
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

    /**
     * Whether {@code tenant}'s request to {@code uri} is allowed, decided in place on the URI's parts
     * without allocating: true only where {@link #match(URI)} would cover it by no rule or by a rule
     * that captures {@code tenant}. False means "not decided here", and the caller asks
     * {@link #match(URI)}: a URI with no tenant, a host or path that normalization would change (upper
     * case, escapes, dot or empty segments, {@code ;} or {@code \}), no host as the URI reads it, or a
     * rule naming an address reached before a match where the host is not an IPv4 address in its plain
     * form (its addresses would have to be looked up).
     */
    public boolean allowsInPlace(URI uri, String tenant) {
        if (rules.length == 0 || uri == null) {
            return true;
        }
        String scheme = UrlNormalizer.httpScheme(uri.getScheme());
        if (scheme == null) {
            return true; // match(uri) is null
        }
        // the host pre-filter is not run again: the hook asked it before (coversHost), and a host no
        // rule names is matched by none below either
        String host = uri.getHost();
        if (tenant == null || host == null || uri.getPort() > 65535) {
            return false;
        }
        return allowsPlain(scheme, host, uri.getPort(), uri.getRawPath(), tenant);
    }

    /**
     * As {@link #allowsInPlace(URI, String)} for the {@code URL} of an {@code HttpURLConnection}, which
     * {@link #match(String)} reads as its text: decided here only when that text is one {@link URI}
     * reads as the URL's own parts — no user-info, the authority exactly host and port, and path,
     * query and fragment of characters a URI takes as they are.
     */
    public boolean allowsInPlace(URL url, String tenant) {
        if (rules.length == 0 || url == null) {
            return true;
        }
        String scheme = UrlNormalizer.httpScheme(url.getProtocol());
        String host = url.getHost();
        if (scheme == null || host == null || url.getUserInfo() != null || !UrlNormalizer.isNormalHost(host)
                || !isHostAndPort(url.getAuthority(), host, url.getPort())) {
            return false; // the text may read otherwise than the URL's parts
        }
        if (!mayMatch(host)) {
            return true; // match(text) is null: its host is this plain one
        }
        if (tenant == null || !isUriText(url.getPath(), false) || !isUriText(url.getQuery(), true)
                || !isUriText(url.getRef(), true)) {
            return false;
        }
        return allowsPlain(scheme, host, url.getPort(), url.getPath(), tenant);
    }

    /** The decision on parts that normalization leaves as they are; false where it would change them. */
    private boolean allowsPlain(String scheme, String host, int port, String rawPath, String tenant) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (!UrlNormalizer.isNormalHost(host) || !UrlNormalizer.isPlainPath(path)) {
            return false;
        }
        int effectivePort = port < 0 ? UrlNormalizer.defaultPort(scheme) : port;
        for (UrlRule rule : rules) {
            long span = rule.namesAddress() ? rule.captureSpanAtAddress(scheme, host, effectivePort, path)
                    : rule.captureSpan(scheme, host, effectivePort, path);
            if (span == UrlRule.UNDECIDED) {
                return false; // the host's addresses are the full match's to look up
            }
            if (span == UrlRule.NO_MATCH) {
                continue;
            }
            if (span < 0) {
                return false;
            }
            // the first rule that matches decides, as in UrlMatch.of
            String in = rule.tenantInHost() ? host : path;
            int start = (int) (span >>> 32);
            int end = (int) span;
            return end - start == tenant.length() && in.regionMatches(start, tenant, 0, end - start);
        }
        return true; // no rule covers it
    }

    /** {@code authority} is {@code host} alone (no port given) or {@code host:port} with the port's digits. */
    private static boolean isHostAndPort(String authority, String host, int port) {
        if (authority == null || !authority.startsWith(host)) {
            return false;
        }
        int n = authority.length();
        int at = host.length();
        if (port < 0) {
            return n == at;
        }
        if (n < at + 2 || authority.charAt(at) != ':' || n - at - 1 > 5) {
            return false;
        }
        int value = 0;
        for (int i = at + 1; i < n; i++) {
            char c = authority.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value == port;
    }

    /**
     * Null, or only characters a URI path (with {@code query}, also a query or fragment) takes as they
     * are: letters, digits, {@code -._~!$&'()*+,=:@/}, and {@code ?} in a query or fragment. No
     * {@code %} and no {@code ;}: their readings are the normalizer's to make.
     */
    private static boolean isUriText(String text, boolean query) {
        if (text == null) {
            return true;
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,=:@/".indexOf(c) >= 0 || (query && c == '?');
            if (!plain) {
                return false;
            }
        }
        return true;
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
        return !mayMatch(url, start, hostEnd);
    }
}
