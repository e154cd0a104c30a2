package dev.tenantguard.agent.inbound;

import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.config.TenantSource;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Derives a request's tenant: the sources in the order of {@code tenant.from}, the first value that
 * is valid wins. A value that does not match {@code tenant.pattern}, and — with
 * {@code http.signingKey} — a tenant header without a valid signature for the tenant, method and
 * raw path, is not used: it is handed to {@link Rejections} and the next source is tried.
 */
final class TenantResolver {
    /** Where refused values go (reported as INVALID_TENANT). */
    interface Rejections {
        void rejected(String value, String reason);
    }

    private final List<TenantSources.Reader> sources;
    private final Pattern pattern;
    private final String tenantHeader;
    private final String signatureHeader;
    private final TenantSignature signature;

    /**
     * @param signature the verifier of {@code http.signingKey}, or {@code null} when tenant headers
     *                  are trusted as they come
     */
    TenantResolver(List<TenantSource> sources, String tenantPattern, String tenantHeader, String signatureHeader,
            TenantSignature signature) {
        this.sources = TenantSources.compile(sources, tenantHeader);
        this.pattern = Pattern.compile(tenantPattern);
        this.tenantHeader = tenantHeader;
        this.signatureHeader = signatureHeader;
        this.signature = signature;
    }

    /** The request's tenant, or {@code null} when no source gave a valid one. */
    String resolve(InboundRequest request, Rejections rejections) {
        for (TenantSources.Reader source : sources) {
            String value = source.read(request);
            if (value == null) {
                QueryParameter.Found unusable = source.unusable(request);
                if (unusable != null) {
                    rejections.rejected(unusable.shown(), "tenant.from " + source.describe() + ": " + unusable.problem());
                }
                continue;
            }
            if (!pattern.matcher(value).matches()) {
                rejections.rejected(value, "tenant.from " + source.describe() + ": it does not match tenant.pattern "
                        + pattern.pattern());
                continue;
            }
            if (signature != null && tenantHeader.equalsIgnoreCase(source.headerName())) {
                TenantSignature.Verdict verdict = signature.verify(value, request.method(), request.rawPath(),
                        request.header(signatureHeader), System.currentTimeMillis() / 1000);
                if (verdict != TenantSignature.Verdict.VALID) {
                    rejections.rejected(value, "tenant.from " + source.describe() + ": http.signingKey is set and the"
                            + " tenant header came with " + verdict.description);
                    continue;
                }
            }
            return value;
        }
        return null;
    }

    /** Whether {@code value} (from the MDC) may be used as a tenant. */
    boolean valid(String value) {
        return pattern.matcher(value).matches();
    }

    String tenantPattern() {
        return pattern.pattern();
    }
}
