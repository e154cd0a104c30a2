package dev.tenantguard.agent.policy;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One compiled http rule such as {@code https://{tenant}.api.example.com/**} or
 * {@code http://billing.internal/v1/tenants/{tenant}/**}.
 *
 * <ul>
 *   <li>The scheme ({@code http} or {@code https}) is required and matched case-insensitively.</li>
 *   <li>The host is a sequence of labels; a label is literal text, {@code *} (any text within the
 *       label) or {@code {tenant}}, mixed as in {@code api-{tenant}}. A URL host matches only with
 *       the same number of labels; an IPv6 literal never matches. Hosts are compared lower-case,
 *       so a tenant captured from a host is lower-case.</li>
 *   <li>The port is the one written or the scheme's default; a URL with another port is another
 *       service.</li>
 *   <li>The path is a sequence of segments with literal text, {@code *}, {@code {tenant}} and
 *       {@code **} (any number of whole segments), as in file rules, matched case-sensitively
 *       against the normalized path (see {@link UrlNormalizer}). A rule without a path covers the
 *       whole host (as if it ended in {@code /**}); a rule path of {@code /} covers only the root.</li>
 *   <li>{@code {tenant}} stands exactly once, in a host label or a path segment, and captures a
 *       non-empty text (the longest, when the rest of the label or segment allows several).</li>
 * </ul>
 */
public final class UrlRule {
    static final long NO_MATCH = GlobPart.NO_MATCH;
    private static final long MATCHED_NO_CAPTURE = GlobPart.MATCHED_NO_CAPTURE;
    private static final String TENANT = "{tenant}";

    private final String pattern;
    private final String scheme;
    private final int port;
    private final GlobPart[] labels;
    private final GlobPart[] segments;
    private final boolean tenantInHost;
    /**
     * The host is {@code {tenant}} followed by literal labels ({@code {tenant}.api.example.com}): a
     * host matches when it ends with {@link #hostSuffix} and what is before it is one label.
     */
    private final boolean tenantLabelThenSuffix;
    private final String hostLiteral;
    private final String hostSuffix;
    /**
     * The last character a plain host matched by this rule ends with, in lower case and in upper
     * case (the same for a digit, {@code -} or {@code _}); {@code 0} when the rule's last host label
     * is not literal or names an address: any host may then match it.
     */
    private final char hostEnd;
    private final char hostEndUpper;
    /** The address the rule's host names when it is written as one ({@code 10.0.0.5}, {@code [fd00::5]}), else null. */
    private final InetAddress address;
    /** {@link #address} as an unsigned number when it is an IPv4 address, else -1: compared in place. */
    private final long ipv4;

    /** What {@link #capture} returns when the rule names an address and the URL's host cannot be resolved. */
    static final String UNVERIFIED = new String("<host not resolved>");

    private UrlRule(String pattern, String scheme, int port, GlobPart[] labels, GlobPart[] segments, boolean tenantInHost,
            String hostLiteral, String hostSuffix, InetAddress address) {
        this.address = address;
        this.ipv4 = address instanceof java.net.Inet4Address ? Integer.toUnsignedLong(
                java.nio.ByteBuffer.wrap(address.getAddress()).getInt()) : -1;
        this.pattern = pattern;
        this.scheme = scheme;
        this.port = port;
        this.labels = labels;
        this.segments = segments;
        this.tenantInHost = tenantInHost;
        this.hostLiteral = hostLiteral;
        this.hostSuffix = hostSuffix;
        String literalEnd = address != null ? "" : hostLiteral != null ? hostLiteral : hostSuffix;
        char end = literalEnd.isEmpty() ? 0 : literalEnd.charAt(literalEnd.length() - 1);
        this.hostEnd = end < 0x80 ? end : 0; // the host is lower case here: compiled with Locale.ROOT
        this.hostEndUpper = hostEnd >= 'a' && hostEnd <= 'z' ? (char) (hostEnd - 'a' + 'A') : hostEnd;
        this.tenantLabelThenSuffix = address == null && labels.length > 1 && labels[0].isCaptureOnly()
                && allLiteralAfterFirst(labels);
    }

    private static boolean allLiteralAfterFirst(GlobPart[] labels) {
        for (int i = 1; i < labels.length; i++) {
            if (!labels[i].isLiteral()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compiles and validates a rule.
     *
     * @throws IllegalArgumentException naming the rule and what is wrong with it: no scheme, a scheme
     *         other than http(s), no host, user-info, a bad port, {@code {tenant}} missing or repeated
     *         or outside host and path, a query or fragment, {@code **} in the host, dot segments,
     *         {@code \}, {@code ;}, whitespace, or a broken or ambiguous percent escape.
     */
    public static UrlRule compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("an http rule is empty");
        }
        String rule = pattern.strip();
        int tenants = occurrences(rule, TENANT);
        if (tenants == 0) {
            throw invalid(rule, "has no " + TENANT);
        }
        if (tenants > 1) {
            throw invalid(rule, "has " + TENANT + " more than once");
        }
        String rest = rule.replace(TENANT, "");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            throw invalid(rule, "has '{' or '}' outside " + TENANT + " (it is the only placeholder)");
        }
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (Character.isWhitespace(c) || c < 0x20 || c == 0x7f) {
                throw invalid(rule, "has whitespace or a control character");
            }
            if (c >= 0x80) {
                throw invalid(rule, "has a non-ASCII character (write the host in its xn-- form, the path percent-encoded)");
            }
        }
        int colon = rule.indexOf("://");
        if (colon >= 0 && rule.indexOf(TENANT) < colon + 3) {
            throw invalid(rule, "has " + TENANT + " in its scheme (it stands in a host label or a path segment)");
        }
        String schemeText = colon > 0 ? rule.substring(0, colon) : "";
        if (!schemeText.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw invalid(rule, "has no scheme (start it with http:// or https://)");
        }
        String scheme = UrlNormalizer.httpScheme(schemeText);
        if (scheme == null) {
            throw invalid(rule, "has scheme '" + schemeText + "': only http and https");
        }
        if (rule.indexOf('?') >= 0 || rule.indexOf('#') >= 0) {
            throw invalid(rule, "has a query or fragment (rules match scheme, host, port and path; "
                    + "query and fragment are ignored)");
        }
        if (rule.indexOf('\\') >= 0) {
            throw invalid(rule, "has a '\\' (write '/')");
        }
        int authorityStart = colon + 3;
        int slash = rule.indexOf('/', authorityStart);
        String authority = rule.substring(authorityStart, slash < 0 ? rule.length() : slash);
        String path = slash < 0 ? null : rule.substring(slash);
        if (authority.indexOf('@') >= 0) {
            throw invalid(rule, "has user-info before '@' (write only the host; user-info is ignored in URLs)");
        }
        String host = authority;
        int port = UrlNormalizer.defaultPort(scheme);
        int close = authority.startsWith("[") ? authority.indexOf(']') : -1;
        if (authority.startsWith("[") && close < 0) {
            throw invalid(rule, "has an IPv6 literal host without its closing ']'");
        }
        int portColon = authority.indexOf(':', close + 1);
        if (portColon >= 0) {
            host = authority.substring(0, portColon);
            String portText = authority.substring(portColon + 1);
            if (portText.contains(TENANT)) {
                throw invalid(rule, "has " + TENANT + " in its port (it stands in a host label or a path segment)");
            }
            if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                throw invalid(rule, "has a bad port '" + portText + "' (1-65535, or none for the scheme's default)");
            }
            port = Integer.parseInt(portText);
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw invalid(rule, "has no host");
        }
        InetAddress address = HostAddresses.literal(host);
        if (host.startsWith("[") && address == null) {
            throw invalid(rule, "has an IPv6 literal host that is not an IPv6 address");
        }
        if (address != null && host.contains(TENANT)) {
            throw invalid(rule, "has " + TENANT + " in an address host");
        }
        GlobPart[] labels = address != null ? new GlobPart[0] : parseHost(rule, host);
        GlobPart[] segments = path == null ? new GlobPart[] {GlobPart.DOUBLE_STAR} : parsePath(rule, path);
        boolean tenantInHost = host.contains(TENANT);
        String hostLiteral = null;
        StringBuilder suffix = new StringBuilder();
        int i = labels.length - 1;
        while (i >= 0 && labels[i].isLiteral()) {
            suffix.insert(0, labels[i].literal()).insert(0, '.');
            i--;
        }
        if (i < 0) {
            hostLiteral = host;
        }
        if (address != null) {
            hostLiteral = host;
        }
        return new UrlRule(rule, scheme, port, labels, segments, tenantInHost, hostLiteral,
                address != null ? "." + host : suffix.toString(), address);
    }

    private static GlobPart[] parseHost(String rule, String host) {
        List<GlobPart> labels = new ArrayList<>();
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw invalid(rule, "has an empty label in its host");
            }
            if (label.contains("**")) {
                throw invalid(rule, "has '**' in its host ('*' and " + TENANT + " stand within one host label)");
            }
            String bare = label.replace(TENANT, "").replace("*", "");
            for (int c = 0; c < bare.length(); c++) {
                char ch = bare.charAt(c);
                if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) {
                    throw invalid(rule, "has '" + ch + "' in its host (letters, digits, '-', '_', '*' and " + TENANT + ")");
                }
            }
            labels.add(GlobPart.parse(label));
        }
        return labels.toArray(new GlobPart[0]);
    }

    private static GlobPart[] parsePath(String rule, String path) {
        List<GlobPart> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.indexOf(';') >= 0) {
                throw invalid(rule, "has a ';' in its path (path parameters are dropped before matching)");
            }
            String decoded = decodeSegment(rule, segment);
            if (decoded.equals(".") || decoded.equals("..")) {
                throw invalid(rule, "has a '" + decoded + "' segment (write the path it means)");
            }
            segments.add(GlobPart.parse(decoded));
        }
        return segments.toArray(new GlobPart[0]);
    }

    /** A rule segment as normalized paths spell it: unreserved escapes decoded, others upper-case. */
    private static String decodeSegment(String rule, String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int v = UrlNormalizer.hexPair(segment, i + 1, segment.length());
            if (v < 0) {
                throw invalid(rule, "has a '%' that is not followed by two hex digits");
            }
            if (v == '/' || v == '\\' || v == '%') {
                throw invalid(rule, "has an encoded '" + (char) v + "' (ambiguous: it may be a separator)");
            }
            i += 2;
            if (UrlNormalizer.isUnreserved(v)) {
                out.append((char) v);
            } else {
                UrlNormalizer.appendEscape(out, v);
            }
        }
        return out.toString();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static IllegalArgumentException invalid(String rule, String problem) {
        return new IllegalArgumentException("http rule '" + rule + "' " + problem);
    }

    /** The rule as written (without surrounding whitespace): how reports name it. */
    public String pattern() {
        return pattern;
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scheme;
    }

    /** The port written in the rule, or the scheme's default. */
    public int port() {
        return port;
    }

    /** Whether {@code {tenant}} is in the host (otherwise it is in the path). */
    public boolean tenantInHost() {
        return tenantInHost;
    }

    /** The whole host when it has no wildcard or {@code {tenant}}, else {@code null}. */
    public String hostLiteral() {
        return hostLiteral;
    }

    /**
     * The literal labels at the end of the host with their leading dot ({@code .api.example.com} for
     * {@code {tenant}.api.example.com}); empty when the last label is not literal. For a literal
     * host, {@code "." + host}.
     */
    public String hostSuffix() {
        return hostSuffix;
    }

    /**
     * Whether a host with this text (any case, as a client holds it) may be matched by this rule.
     * Exact for plain host names and allocation-free; a host with a trailing dot, {@code %} or
     * non-ASCII characters is conservatively "maybe".
     */
    public boolean mayMatchHost(String host) {
        return mayMatchHost(host, 0, host.length());
    }

    /** As {@link #mayMatchHost(String)} for the host {@code text[from, to)}. */
    boolean mayMatchHost(String text, int from, int to) {
        return !isPlainHost(text, from, to) || mayMatchPlainHost(text, from, to);
    }

    /**
     * Whether the host {@code text[from, to)} is one {@link #mayMatchPlainHost} can judge: not empty,
     * no trailing dot, ASCII without escapes. Any other host may match any rule.
     */
    static boolean isPlainHost(String text, int from, int to) {
        return to > from && text.charAt(to - 1) != '.' && isPlainAscii(text, from, to);
    }

    /** As {@link #mayMatchHost(String, int, int)} for a host {@link #isPlainHost} accepted. */
    boolean mayMatchPlainHost(String text, int from, int to) {
        if (address != null) {
            return true; // any host may name this address: a literal in another spelling, or a name
        }
        int n = to - from;
        char end = text.charAt(to - 1);
        if (hostEnd != 0 && end != hostEnd && end != hostEndUpper) {
            return false; // for ASCII, what regionMatches(true, …) finds at the last character, in one compare
        }
        if (hostLiteral != null) {
            return n == hostLiteral.length() && text.regionMatches(true, from, hostLiteral, 0, n);
        }
        int s = hostSuffix.length();
        return n > s && text.regionMatches(true, to - s, hostSuffix, 0, s);
    }

    private static boolean isPlainAscii(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Matches a URL given as text; {@code null} when this rule does not cover it. */
    public UrlMatch match(String url) {
        return match(UrlNormalizer.normalize(url));
    }

    /** Matches a URI; {@code null} when this rule does not cover it. */
    public UrlMatch match(URI uri) {
        return match(UrlNormalizer.normalize(uri));
    }

    /**
     * Matches a normalized URL; {@code null} when this rule does not cover it (or {@code url} is
     * {@code null}); an unparseable URL gives {@link UrlMatch#isUnparseable() an unparseable match}.
     */
    public UrlMatch match(UrlNormalizer.Normalized url) {
        return UrlMatch.of(new UrlRule[] {this}, url);
    }

    /**
     * The tenant this rule captures from the normalized parts, or {@code null} when it does not
     * match. {@code path} is one of the readings of the URL's path.
     */
    String capture(UrlNormalizer.Normalized url, String path) {
        if (address == null) {
            return capture(url.scheme(), url.host(), url.port(), path);
        }
        if (url.port() != port || !scheme.equals(url.scheme())) {
            return null;
        }
        int n = path.length();
        long pathMatch = matchParts(segments, 0, path, n > 1 ? 1 : n + 1, n, '/');
        if (pathMatch == NO_MATCH) {
            return null;
        }
        InetAddress[] reached = url.addresses();
        if (reached == null) {
            return UNVERIFIED;
        }
        for (InetAddress a : reached) {
            if (a.equals(address)) {
                return path.substring((int) (pathMatch >>> 32), (int) pathMatch);
            }
        }
        return null;
    }

    /**
     * For a rule that names an address: as {@link #captureSpan}, decided in place only where the URL's
     * host is an IPv4 address written in its one plain form ({@code 10.0.0.5}: four numbers 0-255, no
     * leading zero), which is the one address it reaches; {@link #UNDECIDED} where the host's addresses
     * would have to be looked up or read from another spelling.
     */
    long captureSpanAtAddress(String urlScheme, String host, int urlPort, String path) {
        if (urlPort != port || !scheme.equals(urlScheme)) {
            return NO_MATCH;
        }
        int n = path.length();
        long pathMatch = matchParts(segments, 0, path, n > 1 ? 1 : n + 1, n, '/');
        if (pathMatch == NO_MATCH) {
            return NO_MATCH;
        }
        long reached = plainIpv4(host);
        if (reached < 0 || ipv4 < 0) {
            return UNDECIDED;
        }
        return reached == ipv4 ? pathMatch : NO_MATCH;
    }

    /** What {@link #captureSpanAtAddress} answers when it cannot decide in place. */
    static final long UNDECIDED = Long.MIN_VALUE;

    /** The IPv4 address {@code host} writes in its plain dotted form, as an unsigned number, or -1. */
    private static long plainIpv4(String host) {
        long value = 0;
        int parts = 0;
        int i = 0;
        int n = host.length();
        while (i < n) {
            int start = i;
            int octet = 0;
            while (i < n && host.charAt(i) >= '0' && host.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (host.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255 || (i - start > 1 && host.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (i < n) {
                if (host.charAt(i) != '.' || parts == 4 || i == n - 1) {
                    return -1;
                }
                i++;
            }
        }
        return parts == 4 ? value : -1;
    }

    /** Whether the rule names an address rather than a host. */
    public boolean namesAddress() {
        return address != null;
    }

    String capture(String urlScheme, String host, int urlPort, String path) {
        long span = captureSpan(urlScheme, host, urlPort, path);
        if (span == NO_MATCH) {
            return null;
        }
        return (tenantInHost ? host : path).substring((int) (span >>> 32), (int) span);
    }

    /**
     * As {@link #capture(String, String, int, String)}, the tenant's place instead of its text: packed as
     * {@code start << 32 | end} in the host when {@link #tenantInHost()}, else in the path; {@link #NO_MATCH}
     * when the rule does not match. Allocates nothing. Only for a rule that names no address.
     */
    long captureSpan(String urlScheme, String host, int urlPort, String path) {
        if (urlPort != port || !scheme.equals(urlScheme) || host.isEmpty() || host.charAt(0) == '[') {
            return NO_MATCH;
        }
        long hostMatch = tenantLabelThenSuffix ? tenantLabelSpan(host) : matchParts(labels, 0, host, 0, host.length(), '.');
        if (hostMatch == NO_MATCH) {
            return NO_MATCH;
        }
        int n = path.length();
        long pathMatch = matchParts(segments, 0, path, n > 1 ? 1 : n + 1, n, '/');
        if (pathMatch == NO_MATCH) {
            return NO_MATCH;
        }
        return tenantInHost ? hostMatch : pathMatch;
    }

    /**
     * For a {@link #tenantLabelThenSuffix} rule: the first label's span when {@code host} is one
     * non-empty label followed by {@link #hostSuffix}, as {@link #matchParts} finds it, else NO_MATCH.
     * The suffix is every label after the first (literals), so all but the first label are compared
     * in one region and the first is checked to hold no dot.
     */
    private long tenantLabelSpan(String host) {
        int n = host.length();
        int s = hostSuffix.length();
        if (n <= s || !host.regionMatches(n - s, hostSuffix, 0, s) || host.lastIndexOf('.', n - s - 1) >= 0) {
            return NO_MATCH;
        }
        return n - s; // start 0 << 32
    }

    /**
     * Matches {@code parts} from {@code pi} against the elements of {@code s} separated by
     * {@code sep}; {@code pos} is where the next element starts, {@code n + 1} once all are consumed.
     * Returns NO_MATCH, MATCHED_NO_CAPTURE or the capture packed as {@code start << 32 | end}.
     * {@code **} walks forward in a loop, so deep paths do not deepen the stack.
     */
    private static long matchParts(GlobPart[] parts, int pi, String s, int pos, int n, char sep) {
        if (pi == parts.length) {
            return pos == n + 1 ? MATCHED_NO_CAPTURE : NO_MATCH;
        }
        GlobPart part = parts[pi];
        if (part.isDoubleStar()) {
            if (pi == parts.length - 1) {
                return MATCHED_NO_CAPTURE; // a trailing ** takes whatever is left, nothing included
            }
            while (true) {
                long rest = matchParts(parts, pi + 1, s, pos, n, sep);
                if (rest != NO_MATCH || pos > n) {
                    return rest;
                }
                pos = elementEnd(s, pos, n, sep) + 1;
            }
        }
        if (pos > n) {
            return NO_MATCH;
        }
        int end = elementEnd(s, pos, n, sep);
        long here = part.match(s, pos, end);
        if (here == NO_MATCH) {
            return NO_MATCH;
        }
        long rest = matchParts(parts, pi + 1, s, end + 1, n, sep);
        if (rest == NO_MATCH) {
            return NO_MATCH;
        }
        return here >= 0 ? here : rest;
    }

    private static int elementEnd(String s, int pos, int n, char sep) {
        int at = s.indexOf(sep, pos);
        return at < 0 ? n : at;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
