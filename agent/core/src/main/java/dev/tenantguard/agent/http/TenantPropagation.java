package dev.tenantguard.agent.http;

import dev.tenantguard.agent.carrier.Baggage;
import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.http.library.LibraryRequest;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.ThreadState;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the tenant in context on an outbound request, whatever its host: the tenant header
 * ({@code tenant.header}) and the W3C baggage member {@code tenant=<tenant>}, merged into the
 * application's baggage. A tenant header the application set to another tenant is a crossing;
 * when that is only reported (report mode, a privileged scope, an exempt caller) the request is
 * sent as the application wrote it.
 *
 * <p>Only tenants made of visible ASCII characters are sent: anything else cannot be a header
 * value, and the tenant validator has already reported it.
 */
final class TenantPropagation {
    /** Tenants whose header set is kept; past that, a request's headers are made per request. */
    static final int MAX_TENANTS_CACHED = 4_096;

    private final String header;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final TenantSignature signer;
    private final String signatureHeader;
    private final ConcurrentHashMap<String, HttpHeaders> tenantOnlyHeaders = new ConcurrentHashMap<>();

    /** @param signer signs the tenant header ({@code http.signingKey}), or {@code null} */
    TenantPropagation(String header, Mode mode, BoundaryEnforcer enforcer, TenantSignature signer) {
        this.header = header;
        this.mode = mode;
        this.enforcer = enforcer;
        this.signer = signer;
        this.signatureHeader = header + "-Signature";
    }

    /**
     * A library's request: the same object with headers set in place, or a copy where requests are
     * immutable; unchanged when it already carries the tenant as it should.
     */
    Object decorate(LibraryRequest access, Object request, Object target, URI uri, String method, String tenant,
            ThreadState state) {
        if (!sendable(tenant)) {
            return request;
        }
        String own = access.header(request, header);
        if (own != null) {
            for (String value : own.split(",")) {
                if (!value.trim().equals(tenant)) {
                    crossing(method, resource(uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath()),
                            value.trim(), state);
                    return request;
                }
            }
        }
        String baggage = access.header(request, Baggage.HEADER);
        String merged = Baggage.withTenant(baggage, tenant);
        if (signer == null && tenant.equals(own) && merged == baggage) {
            return request;
        }
        String[] headers = signer == null
                ? new String[] {header, tenant, Baggage.HEADER, merged}
                : new String[] {header, tenant, Baggage.HEADER, merged, signatureHeader, signature(tenant, method, uri)};
        return access.withHeaders(request, target, headers);
    }

    private String signature(String tenant, String method, URI uri) {
        return signer.sign(tenant, method == null ? "GET" : method, uri == null ? "/" : uri.getRawPath(),
                System.currentTimeMillis() / 1000);
    }

    /**
     * A {@code java.net.http.HttpRequest}: the same object when nothing changes, else the request with
     * the tenant headers ({@link TenantHeadersRequest}), not a copy of it. A request without headers of
     * its own (the common case) gets its tenant's headers, made once per tenant.
     */
    Object decorate(Object original, URI uri, String method, ThreadState state) {
        String tenant = state.tenant();
        if (!sendable(tenant)) {
            return original;
        }
        HttpRequest request = (HttpRequest) original;
        HttpHeaders headers = request.headers();
        if (signer == null && headers.map().isEmpty()) {
            return new TenantHeadersRequest(request, tenantOnly(tenant));
        }
        List<String> own = headers.allValues(header);
        for (String value : own) {
            if (!value.trim().equals(tenant)) {
                crossing(method, uri == null ? null : resource(uri.getScheme(), uri.getHost(), uri.getPort(),
                        uri.getRawPath()), value.trim(), state);
                return original;
            }
        }
        List<String> baggage = headers.allValues(Baggage.HEADER);
        String existing = baggage.isEmpty() ? null : baggage.size() == 1 ? baggage.get(0) : String.join(",", baggage);
        String merged = Baggage.withTenant(existing, tenant);
        if (signer == null && own.size() == 1 && baggage.size() == 1 && merged == existing) {
            return original;
        }
        // the application's headers with ours set over them, as HttpRequest.Builder.setHeader would
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers.map());
        all.put(header, List.of(tenant));
        all.put(Baggage.HEADER, List.of(merged));
        if (signer != null) {
            all.put(signatureHeader, List.of(signature(tenant, method, uri)));
        }
        return new TenantHeadersRequest(request, HttpHeaders.of(all, (name, value) -> true));
    }

    /** The headers of a request that has none but the tenant's: one object per tenant, while there are few. */
    private HttpHeaders tenantOnly(String tenant) {
        HttpHeaders known = tenantOnlyHeaders.get(tenant);
        if (known != null) {
            return known;
        }
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put(header, List.of(tenant));
        all.put(Baggage.HEADER, List.of(Baggage.withTenant(null, tenant)));
        HttpHeaders made = HttpHeaders.of(all, (name, value) -> true);
        if (tenantOnlyHeaders.size() < MAX_TENANTS_CACHED) {
            tenantOnlyHeaders.putIfAbsent(tenant, made);
        }
        return made;
    }

    /**
     * An {@code HttpURLConnection} about to connect: sets the headers through its public API. The
     * triggers nest (getInputStream calls connect), so this runs several times per request and
     * changes nothing once the headers are there; once connecting, the connection refuses changes.
     */
    void decorate(HttpURLConnection connection, ThreadState state) {
        String tenant = state.tenant();
        if (!sendable(tenant)) {
            return;
        }
        try {
            String own = connection.getRequestProperty(header);
            if (own != null && !own.trim().equals(tenant)) {
                URL url = connection.getURL();
                crossing(connection.getRequestMethod(), resource(url.getProtocol(), url.getHost(), url.getPort(),
                        url.getPath()), own.trim(), state);
                return;
            }
            if (own == null) {
                connection.setRequestProperty(header, tenant);
            }
            String baggage = connection.getRequestProperty(Baggage.HEADER);
            String merged = Baggage.withTenant(baggage, tenant);
            if (merged != baggage) {
                connection.setRequestProperty(Baggage.HEADER, merged);
            }
            if (signer != null && connection.getRequestProperty(signatureHeader) == null) {
                URL url = connection.getURL();
                connection.setRequestProperty(signatureHeader, signer.sign(tenant, connection.getRequestMethod(),
                        url.getPath().isEmpty() ? "/" : url.getPath(), System.currentTimeMillis() / 1000));
            }
        } catch (IllegalStateException alreadyConnecting) {
            // connected by another thread meanwhile: what was sent is sent
        }
    }

    private void crossing(String method, String resource, String owner, ThreadState state) {
        if (state.privileged()) {
            return;
        }
        enforcer.violation(mode, ViolationKind.CROSS_TENANT, HttpChecker.FAMILY, method == null ? "GET" : method,
                resource, owner, state.tenant(), "tenant.header " + header, null);
    }

    /** The URL without user-info, query or fragment: what a report may show. */
    private static String resource(String scheme, String host, int port, String path) {
        StringBuilder url = new StringBuilder();
        url.append(scheme == null ? "" : scheme).append("://").append(host == null ? "" : host);
        if (port >= 0) {
            url.append(':').append(port);
        }
        return url.append(path == null || path.isEmpty() ? "/" : path).toString();
    }

    private static boolean sendable(String tenant) {
        if (tenant == null || tenant.isEmpty()) {
            return false;
        }
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
