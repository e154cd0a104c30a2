package dev.tenantguard.agent.carrier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature that makes a propagated tenant header trustworthy between services that share
 * {@code http.signingKey}. Baggage and plain headers can be set by anyone who can reach the
 * service; a valid signature proves the tenant was put there by an agent holding the key, for this
 * method and path, within the last {@value #MAX_SKEW_SECONDS} seconds.
 *
 * <p>Header value: {@code v1;t=<unix seconds>;s=<base64url HMAC-SHA256>} over
 * {@code "v1\n" + tenant + "\n" + METHOD + "\n" + path + "\n" + seconds}, where {@code path} is the
 * request's raw path ({@code "/"} when empty) without the query.
 */
public final class TenantSignature {
    /** How far a signature's time may lie from the verifier's clock, either way. */
    public static final long MAX_SKEW_SECONDS = 300;
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    /** What the verifier made of a signature header. */
    public enum Verdict {
        VALID("valid"),
        MISSING("no signature"),
        MALFORMED("a malformed signature"),
        EXPIRED("a signature older or newer than " + MAX_SKEW_SECONDS + " s"),
        MISMATCH("a signature that does not match the tenant, method and path");

        /** As it reads in a report: "the tenant header came with ...". */
        public final String description;

        Verdict(String description) {
            this.description = description;
        }
    }

    private final Mac prototype;

    public TenantSignature(String key) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** The header value for a request of {@code tenant} sent at {@code epochSeconds}. */
    public String sign(String tenant, String method, String rawPath, long epochSeconds) {
        return VERSION + ";t=" + epochSeconds + ";s=" + mac(tenant, method, rawPath, epochSeconds);
    }

    /** Checks {@code header} (may be {@code null}) for a request claiming {@code tenant}. */
    public Verdict verify(String tenant, String method, String rawPath, String header, long nowEpochSeconds) {
        if (header == null || header.isEmpty()) {
            return Verdict.MISSING;
        }
        String[] parts = header.trim().split(";", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !parts[1].startsWith("t=") || !parts[2].startsWith("s=")) {
            return Verdict.MALFORMED;
        }
        long seconds;
        try {
            seconds = Long.parseLong(parts[1].substring(2));
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(nowEpochSeconds - seconds) > MAX_SKEW_SECONDS) {
            return Verdict.EXPIRED;
        }
        byte[] expected = mac(tenant, method, rawPath, seconds).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parts[2].substring(2).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    private String mac(String tenant, String method, String rawPath, long epochSeconds) {
        String message = VERSION + "\n" + tenant + "\n" + method.toUpperCase(Locale.ROOT) + "\n"
                + (rawPath == null || rawPath.isEmpty() ? "/" : rawPath) + "\n" + epochSeconds;
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 provider cannot be cloned", e);
        }
        byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
