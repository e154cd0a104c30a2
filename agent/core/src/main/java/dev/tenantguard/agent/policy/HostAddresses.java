package dev.tenantguard.agent.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The addresses a URL host names, as the socket will reach them: read with the JDK's own resolver
 * ({@link InetAddress#getAllByName}), which every supported client ends in — the JDK
 * {@code HttpClient} and {@code HttpURLConnection}, Apache HttpClient 4 and 5
 * ({@code SystemDefaultDnsResolver}) and OkHttp ({@code Dns.SYSTEM}).
 *
 * <ul>
 *   <li>An IPv4 literal in any form the JDK accepts is parsed, with no name lookup: shortened
 *       ({@code 127.1}, {@code 127.0.1}), one decimal number ({@code 2130706433}), zero-padded
 *       parts ({@code 127.000.000.001}). The JDK reads a leading zero as decimal
 *       ({@code 0177.0.0.1} is 177.0.0.1, and that is where every client connects), and has no
 *       hexadecimal form ({@code 0x7f.0.0.1} is a name, which does not resolve).</li>
 *   <li>A bracketed IPv6 literal, with or without a zone id ({@code [fe80::1%25eth0]}); an
 *       IPv4-mapped one ({@code [::ffff:127.0.0.1]}, {@code [::ffff:7f00:1]}) is its IPv4 address,
 *       as the JDK connects to it.</li>
 *   <li>Any other host is a name, looked up through the JDK's resolver and its cache (positive
 *       answers 30 s by default, {@code networkaddress.cache.ttl}): the client's own lookup a moment
 *       later gets the same answer from that cache.</li>
 * </ul>
 */
final class HostAddresses {
    private HostAddresses() {
    }

    /**
     * The address of an IP literal host ({@code 10.0.0.5}, {@code [::1]}, any IPv4 form the JDK
     * accepts), or {@code null} when {@code host} is not written as an address.
     */
    static InetAddress literal(String host) {
        if (!isLiteral(host)) {
            return null;
        }
        try {
            return InetAddress.getByName(unbracketed(host));
        } catch (UnknownHostException e) {
            return null; // digits and dots the JDK does not read as an address: a name
        }
    }

    /** Whether {@code host} is written as an address: bracketed, or digits and dots only. */
    static boolean isLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.charAt(0) == '[') {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * Every address {@code host} (a normalized URL host) names.
     *
     * @throws UnknownHostException when the resolver cannot say
     */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(unbracketed(host));
    }

    /** {@code [fe80::1%25eth0]} is {@code fe80::1%eth0}, as {@link InetAddress} reads a zone id. */
    private static String unbracketed(String host) {
        if (host.isEmpty() || host.charAt(0) != '[') {
            return host;
        }
        String inner = host.substring(1, host.length() - (host.endsWith("]") ? 1 : 0));
        return inner.replace("%25", "%");
    }
}
