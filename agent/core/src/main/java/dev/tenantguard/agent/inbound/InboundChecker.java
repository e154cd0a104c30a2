package dev.tenantguard.agent.inbound;

import com.sun.net.httpserver.HttpExchange;
import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.TenantSource;
import dev.tenantguard.agent.report.CallStack;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.InboundGuard;
import dev.tenantguard.internal.RequestTask;
import dev.tenantguard.internal.ThreadState;
import java.util.List;
import java.util.Objects;

/**
 * The request scope: opened on a request's outermost entry with the tenant its sources give,
 * closed when that entry returns or throws. What it finds on the way is reported under family
 * {@code context}:
 * <ul>
 * <li>{@code INVALID_TENANT}: a source gave a value that is not used (see {@link TenantResolver});
 *     recorded, never thrown — the request goes on without that tenant;</li>
 * <li>{@code TENANT_SWITCH}: code inside the request opened another tenant outside
 *     {@code privileged}; thrown from {@code TenantContext.open} in {@code enforce} mode;</li>
 * <li>{@code CONTEXT_LEAK}: a tenant other than the request's is still current when the request
 *     ends (a scope the application opened and never closed); recorded, and cleared.</li>
 * </ul>
 */
public final class InboundChecker implements InboundGuard {
    /** The request attribute that keeps a request's tenant for its async dispatches ("" for none). */
    static final String TENANT_ATTRIBUTE = "dev.tenantguard.tenant";
    private static final String FAMILY = "context";

    private final TenantResolver resolver;
    private final ApplicationMdc mdc;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final AgentKey key;

    /**
     * @param signingKey {@code http.signingKey}, or {@code null}
     * @param mdcKey     {@code tenant.mdcKey}, or {@code null}
     * @param mode       the policy's {@code mode}: whether a tenant switch is blocked
     * @param key        the agent's key: the request scope writes the thread state
     */
    public InboundChecker(List<TenantSource> sources, String tenantPattern, String tenantHeader, String signatureHeader,
            String signingKey, String mdcKey, Mode mode, BoundaryEnforcer enforcer, AgentKey key) {
        this.resolver = new TenantResolver(sources, tenantPattern, tenantHeader, signatureHeader,
                signingKey == null ? null : new TenantSignature(signingKey));
        this.mdc = mdcKey == null ? null : new ApplicationMdc(mdcKey);
        this.mode = mode;
        this.enforcer = enforcer;
        this.key = key;
    }

    @Override
    public void requestStarted(Object request, ThreadState state) {
        InboundRequest view = null;
        String tenant = null;
        try {
            view = request instanceof HttpExchange ? new ExchangeRequest((HttpExchange) request)
                    : ServletApiRequest.of(request);
            tenant = view == null ? null : derive(view);
        } finally {
            // whatever happened, the request gets its scope, so that its end restores the thread
            open(state, tenant, view);
        }
    }

    private String derive(InboundRequest view) {
        String derived = view.derivedTenant();
        if (derived != null) {
            return derived.isEmpty() ? null : derived;   // an async dispatch: derived once already
        }
        String tenant = resolver.resolve(view, (value, reason) -> enforcer.violation(Mode.REPORT,
                ViolationKind.INVALID_TENANT, FAMILY, "INBOUND", value, null, null, reason, null));
        if (tenant == null) {
            tenant = fromMdc();
        }
        view.rememberTenant(tenant == null ? "" : tenant);
        return tenant;
    }

    @Override
    public void taskStarted(String tenant, ThreadState state) {
        open(state, tenant, null);
    }

    private void open(ThreadState state, String tenant, InboundRequest view) {
        state.requestScope(key, view, tenant, state.tenant(), false);
        state.scopeOrigin(key, null);
        if (tenant != null) {
            state.tenant(key, tenant);
            state.lastValidTenant(key, tenant);
            state.requestMdc(key, mdc != null && mdc.put(tenant));
        }
    }

    @Override
    public void nestedEntry(ThreadState state) {
        String tenant = fromMdc();
        if (tenant != null && state.tenant() == null) {
            // a filter put the tenant into the MDC: from here on the request has it
            state.requestTenant(key, tenant);
            state.tenant(key, tenant);
            state.lastValidTenant(key, tenant);
        }
    }

    @Override
    public boolean readsMdc() {
        return mdc != null;
    }

    @Override
    public void requestEnded(ThreadState state) {
        String left = state.tenant();
        if (left != null && !Objects.equals(left, state.requestTenant())) {
            ScopeOrigin origin = state.scopeOrigin() instanceof ScopeOrigin ? (ScopeOrigin) state.scopeOrigin() : null;
            enforcer.violation(Mode.REPORT, ViolationKind.CONTEXT_LEAK, FAMILY, describe(state),
                    "thread " + Thread.currentThread().getName(), null, left,
                    origin != null && origin.tenant().equals(left) ? origin.callSite() : null, null);
        }
        state.scopeOrigin(key, null);
        if (state.requestMdc()) {
            mdc.remove();
        }
        state.tenant(key, state.tenantBeforeRequest());
        state.requestScope(key, null, null, null, false);
    }

    @Override
    public void opened(String tenant, ThreadState state) {
        if (state.requestTenant() != null && !state.privileged() && !tenant.equals(state.tenant())) {
            enforcer.violation(mode, ViolationKind.TENANT_SWITCH, FAMILY, "OPEN", describe(state), tenant, state.tenant(),
                    "request tenant " + state.requestTenant(), null);
        }
        state.scopeOrigin(key, new ScopeOrigin(tenant, CallStack.currentCallSite()));
    }

    /** Where the application opened a scope inside a request. */
    private record ScopeOrigin(String tenant, String callSite) {
    }

    @Override
    public Runnable asyncTask(Object asyncContext, Runnable task) {
        String tenant = null;
        try {
            ServletApiRequest request = ServletApiRequest.ofAsyncContext(asyncContext);
            String derived = request == null ? null : request.derivedTenant();
            tenant = derived == null || derived.isEmpty() ? null : derived;
        } catch (Throwable t) {
            // a context whose request is gone (completed): the thread's own request, if any
        }
        if (tenant == null) {
            tenant = ThreadState.current().requestTenant();
        }
        return tenant == null ? task : new RequestTask(task, tenant);
    }

    private String fromMdc() {
        if (mdc == null) {
            return null;
        }
        String value = mdc.get();
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!resolver.valid(value)) {
            enforcer.violation(Mode.REPORT, ViolationKind.INVALID_TENANT, FAMILY, "INBOUND", value, null, null,
                    "tenant.mdcKey: it does not match tenant.pattern " + resolver.tenantPattern(), null);
            return null;
        }
        return value;
    }

    private static String describe(ThreadState state) {
        return state.request() instanceof InboundRequest ? ((InboundRequest) state.request()).describe()
                : "an async task of a request";
    }
}
