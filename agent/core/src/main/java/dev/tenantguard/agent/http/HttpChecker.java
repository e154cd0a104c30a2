package dev.tenantguard.agent.http;

import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.http.library.LibraryRequest;
import dev.tenantguard.agent.policy.UrlMatch;
import dev.tenantguard.agent.policy.UrlRules;
import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.HttpGuard;
import dev.tenantguard.internal.ThreadState;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;

/**
 * Checks each outbound request against the URL rules before it leaves the process: a URL that
 * belongs to another tenant, to a tenant with none in context, or that cannot be read
 * unambiguously, is a crossing. With propagation on, it also puts the tenant in context on every
 * outbound request ({@link TenantPropagation}).
 */
public final class HttpChecker implements HttpGuard {
    static final String FAMILY = "http";

    private final UrlRules rules;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final TenantPropagation propagation;
    private final String tenantHeader;
    private final Observations observations;

    /**
     * @param tenantHeader the header that carries the tenant, or {@code null} when the tenant is
     *                     not propagated
     * @param signer       signs the propagated tenant ({@code http.signingKey}), or {@code null}
     * @param observations where the URLs that name the tenant are recorded ({@code report.observe}),
     *                     or {@code null}
     */
    public HttpChecker(UrlRules rules, Mode mode, BoundaryEnforcer enforcer, String tenantHeader,
            TenantSignature signer, Observations observations) {
        this.rules = rules;
        this.mode = mode;
        this.enforcer = enforcer;
        this.propagation = tenantHeader == null ? null : new TenantPropagation(tenantHeader, mode, enforcer, signer);
        this.tenantHeader = tenantHeader;
        this.observations = observations;
    }

    public HttpChecker(UrlRules rules, Mode mode, BoundaryEnforcer enforcer, String tenantHeader,
            TenantSignature signer) {
        this(rules, mode, enforcer, tenantHeader, signer, null);
    }

    public HttpChecker(UrlRules rules, Mode mode, BoundaryEnforcer enforcer, String tenantHeader) {
        this(rules, mode, enforcer, tenantHeader, null);
    }

    @Override
    public boolean coversHost(String host) {
        return rules.mayMatch(host) || observations != null;
    }

    @Override
    public boolean coversUri(URI uri) {
        return rules.mayMatchUriHost(uri.getHost()) || observations != null;
    }

    @Override
    public void request(URI uri, String method, ThreadState state) {
        String tenant = state.tenant();
        if (!rules.allowsInPlace(uri, tenant)) { // a plain URL's allow path: decided on its parts, nothing allocated
            decide(rules.match(uri), method, tenant, state);
        }
        if (observations != null) {
            UrlObservation.record(observations, uri, method, state);
        }
    }

    @Override
    public void request(URL url, String method, ThreadState state) {
        String tenant = state.tenant();
        if (!rules.allowsInPlace(url, tenant)) {
            decide(rules.match(url.toExternalForm()), method, tenant, state);
        }
        if (observations != null) {
            UrlObservation.record(observations, url.toExternalForm(), method, state);
        }
    }

    /**
     * The redirect runs on the client's own thread, so the tenant is the one the original request
     * carries in its tenant header. Without propagation the tenant is unknown there and the
     * redirect is not checked (the header would have told).
     */
    @Override
    public void redirect(URI uri, String method, Object original, ThreadState state) {
        String tenant = state.tenant();
        if (tenantHeader != null && original instanceof HttpRequest) {
            tenant = ((HttpRequest) original).headers().firstValue(tenantHeader).orElse(tenant);
        }
        if (tenant == null) {
            return;
        }
        UrlMatch match = rules.match(uri);
        if (match == null || match.allows(tenant)) {
            return;
        }
        if (match.notVerified() != null) {
            enforcer.violation(mode, ViolationKind.NOT_VERIFIED, FAMILY, method == null ? "GET" : method, match.url(),
                    null, tenant, match.notVerified() + " (redirect)", null);
            return;
        }
        enforcer.violation(mode, ViolationKind.CROSS_TENANT, FAMILY, method == null ? "GET" : method, match.url(),
                match.crossedTenant(tenant), tenant, match.rule() + " (redirect)", null);
    }

    /**
     * A library's request: its host is read first, without allocating; a host no rule names, with
     * no tenant to propagate, ends there. A request the library made by itself (a redirect, maybe
     * on its own threads) is checked against the tenant its tenant header carries when the thread
     * has none.
     */
    @Override
    public Object library(int library, Object request, Object target, ThreadState state) {
        LibraryRequest access = LibraryRequest.of(library);
        String host = access.host(request, target);
        boolean covered = host == null || rules.mayMatch(host) || observations != null;
        String tenant = state.tenant();
        if (tenant == null && tenantHeader != null && access.madeByClient(request, target)) {
            tenant = firstValue(access.header(request, tenantHeader));
        }
        if (!covered && (propagation == null || tenant == null)) {
            return request;
        }
        URI uri = access.uri(request, target);
        String method = access.method(request);
        if (covered && !rules.allowsInPlace(uri, tenant)) {
            decide(rules.match(uri), method, tenant, state);
        }
        if (observations != null && uri != null) {
            UrlObservation.record(observations, uri, method, state);
        }
        return propagation == null ? request : propagation.decorate(access, request, target, uri, method, tenant, state);
    }

    private static String firstValue(String values) {
        if (values == null) {
            return null;
        }
        int comma = values.indexOf(',');
        return (comma < 0 ? values : values.substring(0, comma)).trim();
    }

    @Override
    public boolean propagates() {
        return propagation != null;
    }

    @Override
    public Object propagate(Object request, URI uri, String method, ThreadState state) {
        return propagation == null ? request : propagation.decorate(request, uri, method, state);
    }

    @Override
    public void propagate(HttpURLConnection connection, ThreadState state) {
        if (propagation != null) {
            propagation.decorate(connection, state);
        }
    }

    private void decide(UrlMatch match, String method, String tenant, ThreadState state) {
        if (match == null || match.allows(tenant) || state.privileged()) {
            return;
        }
        if (match.notVerified() != null) {
            enforcer.violation(mode, ViolationKind.NOT_VERIFIED, FAMILY, method == null ? "GET" : method, match.url(),
                    null, tenant, match.notVerified() + " (rule " + match.rule() + " names an address)", null);
            return;
        }
        enforcer.violation(mode, tenant == null ? ViolationKind.NO_TENANT : ViolationKind.CROSS_TENANT, FAMILY,
                method == null ? "GET" : method, match.url(), match.crossedTenant(tenant), tenant, match.rule(), null);
    }
}
