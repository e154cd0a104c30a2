package dev.tenantguard.agent.policy;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns an outbound URL into what the http rules are matched against: scheme, host, port and path,
 * with every spelling trick that could move a request to another tenant undone. Query, fragment and
 * user-info take no part in matching and are dropped.
 *
 * <ul>
 *   <li><b>Scheme and host</b> are lower-cased; trailing dots of the host are removed
 *       ({@code GLOBEX.api.example.com.} is {@code globex.api.example.com}); percent-encoded host
 *       characters are decoded as UTF-8 ({@code %61cme} is {@code acme}) and a non-ASCII host is
 *       mapped with {@link IDN#toASCII} (full-width {@code ｇlobex} is {@code globex}, as OkHttp and
 *       browsers map it). IPv6 literals keep their brackets and never match a host rule.</li>
 *   <li><b>The host is what {@link URI} says it is</b>: after the last {@code @} of the authority,
 *       which ends at the first {@code /}, {@code ?} or {@code #} ({@code http://acme.x@globex.x/} is
 *       globex; an {@code @} in the path is path). When {@code URI} finds no server authority
 *       (underscores, percent escapes or non-ASCII in the host) the authority is split by hand with
 *       the same rules; more than one {@code @} is ambiguous (clients disagree) and so unparseable.</li>
 *   <li><b>Ports</b>: a missing port is the scheme's default (80, 443), so {@code https://x:443/}
 *       and {@code https://x/} are the same URL.</li>
 *   <li><b>The path</b> has two readings, because servers disagree on encoded structure:
 *     <ul>
 *       <li>the <em>primary</em> reading ({@link Normalized#path()}) decodes percent-encoded
 *           unreserved characters (so {@code %2e} is a dot), decodes {@code %2F} and {@code %5C} and
 *           takes a raw {@code \} as a separator, repeats the decoding while it changes (so the
 *           double-encoded {@code %252e%252e} is {@code ..}), drops path parameters
 *           ({@code acme;v=1} is {@code acme}, {@code ..;} is {@code ..}, as Tomcat reads them),
 *           merges empty segments and then removes dot segments. So
 *           {@code /tenants/acme%2F..%2Fglobex} is {@code /tenants/globex}.</li>
 *       <li>the <em>literal</em> reading ({@link Normalized#literalPath()}) takes only raw
 *           {@code /} as a separator and only raw {@code .}/{@code ..} segments as dot segments;
 *           {@code %2F}, {@code %5C}, {@code %2E%2E} and {@code ..;} stay data. A server that
 *           routes on the encoded form sees this path.</li>
 *     </ul>
 *     The rules are matched against both; a request is allowed only when every reading that a rule
 *     covers belongs to the current tenant (see {@link UrlMatch#allows}). A path without
 *     {@code %}, {@code \}, {@code ;}, empty or dot segments is already clean: both readings are the
 *     path itself, and nothing is allocated for it.</li>
 *   <li><b>Unparseable</b> http(s) URLs — control characters, a {@code \} in the authority, no host,
 *       an invalid host or port, several {@code @} — normalize to a result whose
 *       {@link Normalized#isUnparseable()} is true; {@link UrlRules} turns it into a match the caller
 *       must treat as a violation (fail closed). Characters {@code URI} rejects but that are
 *       unambiguous in a path (spaces, {@code "}, {@code <}, {@code |}, a stray {@code %}, …, which
 *       {@code java.net.URL} accepts) are percent-encoded first, so such URLs still match.</li>
 * </ul>
 *
 * <p>A URL that is not an absolute {@code http}/{@code https} URL normalizes to {@code null}: no
 * http rule applies to it and no HTTP client sends it.
 *
 * <p>A rule that names an address ({@code http://10.0.0.5/…}, {@code http://[fd00::5]/…}) is
 * compared with the address the URL's host names ({@link HostAddresses}: every IPv4 spelling the
 * JDK accepts, IPv4-mapped IPv6, zone ids, and names through the JDK resolver). A rule that names a
 * host is compared by name: another name for the same server (a DNS alias, its IP address) is
 * another host. Overlong UTF-8 ({@code %C0%AE}) is not decoded.
 */
public final class UrlNormalizer {
    static final String HTTP = "http";
    static final String HTTPS = "https";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int MAX_DECODING_ROUNDS = 16;

    private UrlNormalizer() {
    }

    /** A URL as the http rules see it; or an unparseable one. */
    public static final class Normalized {
        private final String scheme;
        private final String host;
        private final int port;
        private final String path;
        private final String literalPath;
        private final String unparseable;
        private String text;
        /** What the host names, looked up on first use (only when an address rule could match). */
        private java.net.InetAddress[] addresses;
        private String addressProblem;

        private Normalized(String scheme, String host, int port, String path, String literalPath, String unparseable) {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            this.path = path;
            this.literalPath = literalPath;
            this.unparseable = unparseable;
        }

        static Normalized unparseable(String raw) {
            return new Normalized(null, null, -1, null, null, maskPassword(raw));
        }

        /** True when the URL cannot be read reliably; then only {@link #toString()} is meaningful. */
        public boolean isUnparseable() {
            return unparseable != null;
        }

        /** {@code http} or {@code https}. */
        public String scheme() {
            return scheme;
        }

        /** Lower-case, decoded, without trailing dots; an IPv6 literal keeps its brackets. */
        public String host() {
            return host;
        }

        /**
         * The addresses the host names ({@link HostAddresses}), resolved once; {@code null} when they
         * cannot be told, then {@link #addressProblem()} says why.
         */
        java.net.InetAddress[] addresses() {
            if (addresses == null && addressProblem == null) {
                try {
                    addresses = HostAddresses.resolve(host);
                } catch (java.net.UnknownHostException | SecurityException e) {
                    addressProblem = "the address of its host " + host + " could not be resolved (" + e + ")";
                }
            }
            return addresses;
        }

        /** Why {@link #addresses()} is {@code null}. */
        String addressProblem() {
            return addressProblem;
        }

        /** The explicit port, or the scheme's default. */
        public int port() {
            return port;
        }

        /** The primary reading of the path: decoded, clean, absolute, {@code /} for none. */
        public String path() {
            return path;
        }

        /**
         * The literal reading of the path: encoded separators and encoded dots kept as data. The same
         * instance as {@link #path()} when both readings agree.
         */
        public String literalPath() {
            return literalPath;
        }

        /**
         * The normalized URL, {@code scheme://host[:port]/path} with the primary path and no
         * user-info, query or fragment: what reports show as "really called". For an unparseable URL,
         * the text as given with any password masked.
         */
        @Override
        public String toString() {
            if (unparseable != null) {
                return unparseable;
            }
            String t = text;
            if (t == null) {
                t = scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port) + path;
                text = t;
            }
            return t;
        }
    }

    /** 80 for http, 443 for https. */
    static int defaultPort(String scheme) {
        return HTTPS.equals(scheme) ? 443 : 80;
    }

    /** {@code "http"}, {@code "https"} (case-insensitively), or {@code null}. */
    static String httpScheme(String scheme) {
        if (scheme == null) {
            return null;
        }
        if (scheme.equalsIgnoreCase(HTTPS)) {
            return HTTPS;
        }
        return scheme.equalsIgnoreCase(HTTP) ? HTTP : null;
    }

    /**
     * Normalizes a URI such as the JDK {@code HttpClient} sends. {@code null} when it is not an
     * absolute http/https URI.
     */
    public static Normalized normalize(URI uri) {
        if (uri == null) {
            return null;
        }
        String scheme = httpScheme(uri.getScheme());
        if (scheme == null) {
            return null;
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            String authority = uri.getRawAuthority();
            if (authority == null || authority.isEmpty()) {
                return Normalized.unparseable(uri.toString());
            }
            int at = authority.lastIndexOf('@');
            if (authority.indexOf('@') != at) {
                return Normalized.unparseable(uri.toString());
            }
            String hostPort = authority.substring(at + 1);
            int colon = hostPort.indexOf(':');
            if (hostPort.indexOf('[') >= 0 || hostPort.indexOf(']') >= 0 || colon != hostPort.lastIndexOf(':')) {
                return Normalized.unparseable(uri.toString());
            }
            port = -1;
            if (colon >= 0) {
                port = parsePort(hostPort, colon + 1);
                if (port == -2) {
                    return Normalized.unparseable(uri.toString());
                }
                hostPort = hostPort.substring(0, colon);
            }
            host = hostPort;
        }
        host = normalizeHost(host);
        if (host == null || port > 65535) {
            return Normalized.unparseable(uri.toString());
        }
        if (port < 0) {
            port = defaultPort(scheme);
        }
        String raw = uri.getRawPath();
        if (raw == null || raw.isEmpty()) {
            raw = "/";
        } else if (raw.charAt(0) != '/') {
            return Normalized.unparseable(uri.toString());
        }
        String path = primaryPath(raw);
        String literal = literalPath(raw);
        if (literal.equals(path)) {
            literal = path;
        }
        return new Normalized(scheme, host, port, path, literal, null);
    }

    /**
     * Normalizes a URL given as text, such as {@code URL.toExternalForm()} of an
     * {@code HttpURLConnection}. Surrounding whitespace is ignored (as {@code java.net.URL} does).
     * {@code null} when it is not an absolute http/https URL.
     */
    public static Normalized normalize(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int colon = s.indexOf(':');
        if (colon <= 0 || !isSchemeText(s, colon)) {
            return null;
        }
        String scheme = httpScheme(s.substring(0, colon));
        if (scheme == null) {
            return null;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Normalized.unparseable(s);
            }
        }
        try {
            return normalize(new URI(s));
        } catch (URISyntaxException e) {
            return normalizeLeniently(s, colon);
        }
    }

    /**
     * A URL {@code URI} rejects: the authority must be sound as written (a {@code \} in it is
     * ambiguous, as clients disagree where the host ends), the path may hold characters that have
     * only one meaning, which are percent-encoded; query and fragment are dropped.
     */
    private static Normalized normalizeLeniently(String s, int colon) {
        int n = s.length();
        if (!s.startsWith("//", colon + 1)) {
            return Normalized.unparseable(s);
        }
        int authorityStart = colon + 3;
        int authorityEnd = firstOf(s, authorityStart, n, "/?#");
        int pathEnd = firstOf(s, authorityEnd, n, "?#");
        String authority = s.substring(authorityStart, authorityEnd);
        if (authority.indexOf('\\') >= 0) {
            return Normalized.unparseable(s);
        }
        StringBuilder rebuilt = new StringBuilder(n + 16).append(s, 0, authorityEnd);
        for (int i = authorityEnd; i < pathEnd; i++) {
            char c = s.charAt(i);
            if (c == '%' && hexPair(s, i + 1, pathEnd) >= 0) {
                rebuilt.append(c);
            } else if (c == '%' || c == ' ' || "\"<>\\^`{|}[]".indexOf(c) >= 0) {
                appendEscape(rebuilt, c);
            } else {
                rebuilt.append(c);
            }
        }
        try {
            return normalize(new URI(rebuilt.toString()));
        } catch (URISyntaxException e) {
            return Normalized.unparseable(s);
        }
    }

    private static boolean isSchemeText(String s, int end) {
        if (!isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int firstOf(String s, int from, int to, String chars) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return to;
    }

    /** The port in {@code s} from {@code from}: -1 when empty, -2 when not 1-5 digits. */
    private static int parsePort(String s, int from) {
        int n = s.length();
        if (from == n) {
            return -1;
        }
        if (n - from > 5) {
            return -2;
        }
        int port = 0;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            port = port * 10 + (c - '0');
        }
        return port;
    }

    // ---------------------------------------------------------------- host

    /**
     * The lower-case, decoded host without trailing dots, or {@code null} when it is not a usable
     * host name: empty, an empty label, or characters other than letters, digits, {@code -},
     * {@code _} and {@code .} once decoded. Already normal hosts are returned as they are.
     */
    static String normalizeHost(String host) {
        if (host.isEmpty()) {
            return null;
        }
        if (host.charAt(0) == '[') {
            return host.toLowerCase(Locale.ROOT);
        }
        if (isNormalHost(host)) {
            return host;
        }
        String s = host;
        if (s.indexOf('%') >= 0) {
            s = percentDecodeUtf8(s);
            if (s == null) {
                return null;
            }
        }
        if (!isAscii(s)) {
            try {
                s = IDN.toASCII(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        s = s.toLowerCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        s = s.substring(0, end);
        return isNormalHost(s) ? s : null;
    }

    /** Lower-case letters, digits, {@code -}, {@code _}; non-empty labels; no trailing dot. */
    static boolean isNormalHost(String host) {
        int n = host.length();
        if (n == 0) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false;
                }
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
            previous = c;
        }
        return previous != '.';
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decodes {@code s} as UTF-8; {@code null} for a broken escape or invalid UTF-8. */
    private static String percentDecodeUtf8(String s) {
        int n = s.length();
        ByteBuffer bytes = ByteBuffer.allocate(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int v = hexPair(s, i + 1, n);
                if (v < 0) {
                    return null;
                }
                bytes.put((byte) v);
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- path

    /**
     * True for a path both readings leave as it is: absolute, no {@code %}, {@code \} or {@code ;},
     * no empty or dot segment, no trailing separator.
     */
    static boolean isPlainPath(String raw) {
        return !raw.isEmpty() && raw.charAt(0) == '/' && raw.indexOf('%') < 0 && raw.indexOf('\\') < 0
                && raw.indexOf(';') < 0 && PathNormalizer.isClean(raw);
    }

    /** The primary reading of a raw absolute path (see the class comment). */
    static String primaryPath(String raw) {
        if (isPlainPath(raw)) {
            return raw;
        }
        String decoded = raw;
        for (int round = 0; round < MAX_DECODING_ROUNDS; round++) {
            String next = decodeStructure(decoded);
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
        }
        StringBuilder out = new StringBuilder(decoded.length());
        int n = decoded.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || decoded.charAt(i) == '/') {
                int semicolon = decoded.indexOf(';', start);
                int end = semicolon >= 0 && semicolon < i ? semicolon : i;
                appendSegment(out, decoded, start, end);
                start = i + 1;
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** The literal reading of a raw absolute path (see the class comment). */
    static String literalPath(String raw) {
        if (isPlainPath(raw)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int n = raw.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || raw.charAt(i) == '/') {
                if (isDotSegment(raw, start, i) || start == i) {
                    appendSegment(out, raw, start, i);
                } else {
                    int semicolon = raw.indexOf(';', start);
                    int end = semicolon >= 0 && semicolon < i ? semicolon : i;
                    if (end == start || isDotSegment(raw, start, end)) {
                        end = i; // ";x", ".;x", "..;x": not a dot segment here, the text itself
                    }
                    out.append('/');
                    appendDecodedUnreserved(out, raw, start, end);
                }
                start = i + 1;
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static boolean isDotSegment(String s, int from, int to) {
        int len = to - from;
        return (len == 1 && s.charAt(from) == '.')
                || (len == 2 && s.charAt(from) == '.' && s.charAt(from + 1) == '.');
    }

    /** Appends {@code /segment}, skipping empty and {@code .} segments and popping for {@code ..}. */
    private static void appendSegment(StringBuilder out, String s, int from, int to) {
        int len = to - from;
        if (len == 0 || (len == 1 && s.charAt(from) == '.')) {
            return;
        }
        if (len == 2 && s.charAt(from) == '.' && s.charAt(from + 1) == '.') {
            out.setLength(Math.max(out.lastIndexOf("/"), 0));
            return;
        }
        out.append('/').append(s, from, to);
    }

    /**
     * One decoding round of the primary reading: unreserved characters decoded, {@code %2F},
     * {@code %5C} and {@code \} made {@code /}, {@code %25} before two hex digits made {@code %}
     * (the next round decodes what it encoded), other escapes upper-cased, a stray {@code %} encoded.
     */
    private static String decodeStructure(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('\\') < 0) {
            return s;
        }
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                out.append('/');
            } else if (c != '%') {
                out.append(c);
            } else {
                int v = hexPair(s, i + 1, n);
                if (v < 0) {
                    out.append("%25");
                    continue;
                }
                i += 2;
                if (isUnreserved(v)) {
                    out.append((char) v);
                } else if (v == '/' || v == '\\') {
                    out.append('/');
                } else if (v == '%' && hexPair(s, i + 1, n) >= 0) {
                    out.append('%');
                } else {
                    appendEscape(out, v);
                }
            }
        }
        return out.toString();
    }

    /** Appends {@code s[from, to)} with unreserved escapes decoded and the others upper-cased. */
    private static void appendDecodedUnreserved(StringBuilder out, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int v = hexPair(s, i + 1, to);
            if (v < 0) {
                out.append("%25");
            } else {
                i += 2;
                if (isUnreserved(v)) {
                    out.append((char) v);
                } else {
                    appendEscape(out, v);
                }
            }
        }
    }

    /** ALPHA / DIGIT / {@code -._~} (RFC 3986): decoding them never changes a URL's meaning. */
    static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
    }

    /** The byte two hex digits at {@code s[i, i + 2)} spell, or -1. */
    static int hexPair(String s, int i, int limit) {
        if (i + 2 > limit) {
            return -1;
        }
        int hi = Character.digit(s.charAt(i), 16);
        int lo = Character.digit(s.charAt(i + 1), 16);
        return hi < 0 || lo < 0 || s.charAt(i) >= 0x80 || s.charAt(i + 1) >= 0x80 ? -1 : hi << 4 | lo;
    }

    /**
     * {@code raw} with the password of any user-info replaced by {@code ***}, so a report does not
     * leak it. The user name and everything else stay, so the trick remains visible.
     */
    static String maskPassword(String raw) {
        int start = raw.indexOf("//");
        if (start < 0) {
            return raw;
        }
        start += 2;
        int end = firstOf(raw, start, raw.length(), "/?#");
        int at = raw.lastIndexOf('@', end - 1);
        if (at < start) {
            return raw;
        }
        int colon = raw.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return raw;
        }
        return raw.substring(0, colon + 1) + "***" + raw.substring(at);
    }
}
