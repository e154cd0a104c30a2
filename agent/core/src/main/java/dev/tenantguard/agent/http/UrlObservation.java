package dev.tenantguard.agent.http;

import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.internal.ThreadState;
import java.net.URI;

/**
 * What an outbound request made as a tenant tells about the services it calls: a host label
 * ({@code https://acme.api.example.com/…}) or a path segment ({@code /v1/tenants/acme/usage})
 * equal to the tenant in context is evidence of a URL per tenant, recorded as the rule that would
 * guard it ({@code https://{tenant}.api.example.com/**}, {@code http://billing/v1/tenants/{tenant}/**}).
 * A host label wins over a path segment; the first path segment counts.
 */
final class UrlObservation {
    private UrlObservation() {
    }

    /** A URL the JDK's {@code HttpURLConnection} took: one {@link URI} cannot read is no evidence. */
    static void record(Observations observations, String url, String method, ThreadState state) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return;
        }
        record(observations, uri, method, state);
    }

    static void record(Observations observations, URI uri, String method, ThreadState state) {
        String tenant = state.tenant();
        String host = uri.getHost();
        if (tenant == null || state.privileged() || host == null || uri.getScheme() == null) {
            return;
        }
        String pattern = pattern(uri, tenant);
        if (pattern != null) {
            observations.http(pattern, tenant, method == null ? "GET" : method, uri.toString());
        }
    }

    /** The rule that names {@code tenant} where {@code uri} does, or {@code null} when it does not. */
    static String pattern(URI uri, String tenant) {
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String[] labels = host.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(tenant)) {
                labels[i] = "{tenant}";
                return scheme + "://" + String.join(".", labels) + port + "/**";
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.split("/", -1);
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals(tenant)) {
                return scheme + "://" + host + port + prefix + "/{tenant}/**";
            }
            prefix.append('/').append(segments[i]);
        }
        return null;
    }
}
