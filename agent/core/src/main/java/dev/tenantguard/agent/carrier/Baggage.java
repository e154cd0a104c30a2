package dev.tenantguard.agent.carrier;

import java.nio.charset.StandardCharsets;

/**
 * The W3C baggage header ({@code key=value} members separated by commas, each with optional
 * {@code ;properties}), reduced to what propagation needs: put the {@code tenant} member, keep
 * every other member as written.
 */
public final class Baggage {
    public static final String HEADER = "baggage";
    public static final String TENANT_KEY = "tenant";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Baggage() {
    }

    /**
     * {@code existing} (may be {@code null} or empty) with its {@code tenant} members replaced by
     * {@code tenant=<value>}, appended last; returns {@code existing} itself when it already holds
     * exactly that member, so a caller can tell that nothing changes.
     */
    public static String withTenant(String existing, String tenant) {
        String member = TENANT_KEY + "=" + encode(tenant);
        if (existing == null || existing.isBlank()) {
            return member;
        }
        StringBuilder merged = new StringBuilder(existing.length() + member.length() + 1);
        int tenantMembers = 0;
        boolean same = false;
        for (String part : existing.split(",", -1)) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (isTenantMember(trimmed)) {
                tenantMembers++;
                same = trimmed.equals(member);
                continue;
            }
            merged.append(trimmed).append(',');
        }
        if (tenantMembers == 1 && same) {
            return existing;
        }
        return merged.append(member).toString();
    }

    /**
     * The value of the member {@code key} of a baggage header (may be {@code null}), percent-decoded,
     * without its properties; {@code null} when absent or empty. The last one wins, as {@link #withTenant}
     * appends.
     */
    public static String member(String header, String key) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        String value = null;
        for (String part : header.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0 || !part.substring(0, eq).trim().equals(key)) {
                continue;
            }
            String raw = part.substring(eq + 1);
            int semi = raw.indexOf(';');
            raw = (semi < 0 ? raw : raw.substring(0, semi)).trim();
            value = raw.isEmpty() ? null : decode(raw);
        }
        return value;
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a malformed escape: kept as written, tenant.pattern refuses it
        }
    }

    private static boolean isTenantMember(String member) {
        int end = member.length();
        int eq = member.indexOf('=');
        int semi = member.indexOf(';');
        if (eq >= 0) {
            end = eq;
        }
        if (semi >= 0 && semi < end) {
            end = semi;
        }
        return member.substring(0, end).trim().equals(TENANT_KEY);
    }

    /** Percent-encodes what a baggage value may not hold literally (W3C baggage-octet), and '%'. */
    static String encode(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            plain = isBaggageOctet(value.charAt(i));
        }
        if (plain) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isBaggageOctet(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isBaggageOctet(char c) {
        return c == 0x21 || c >= 0x23 && c <= 0x2B && c != '%' || c >= 0x2D && c <= 0x3A || c >= 0x3C && c <= 0x5B
                || c >= 0x5D && c <= 0x7E;
    }
}
