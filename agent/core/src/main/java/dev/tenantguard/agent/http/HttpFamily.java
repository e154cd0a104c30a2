package dev.tenantguard.agent.http;

import dev.tenantguard.agent.carrier.TenantSignature;
import dev.tenantguard.agent.config.HttpPolicy;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.policy.UrlRules;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.JdkWeaver;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.HttpHooks;
import java.util.List;

/**
 * Outbound HTTP: the JDK's clients woven by name ({@link HttpWeaves}), Apache HttpClient 4 and 5
 * and OkHttp instrumented as they load ({@link HttpLibraryInstrumentation}), each request checked
 * against {@code http.rules} and given the tenant's header by {@link HttpChecker} behind
 * {@link HttpHooks}.
 */
public final class HttpFamily implements Family {
    /** A JVM without the java.net.http module (--limit-modules, jlink images) has no HttpClient to guard. */
    private final boolean httpClient = ModuleLayer.boot().findModule("java.net.http").isPresent();

    @Override
    public String name() {
        return "http";
    }

    @Override
    public boolean guarded(Policy policy) {
        return policy.http().instrumented() || policy.reportObserve();
    }

    @Override
    public List<ClassWeave> jdkWeaves() {
        return HttpWeaves.all(httpClient);
    }

    @Override
    public List<TypeInstrumentation> libraryTypes() {
        return List.of(HttpLibraryInstrumentation.TYPES);
    }

    @Override
    public List<String> selfTest(JdkWeaver weaver, AgentKey key, boolean atStart) {
        // the behavioural probe connects a socket and loads the HTTP stack: on attach only
        return atStart ? List.of() : HttpSelfTest.run(weaver, httpClient, key);
    }

    @Override
    public String unprovenConsequence() {
        return "Enforcement would be incomplete.";
    }

    @Override
    public void arm(Armed armed) {
        HttpPolicy http = armed.policy().http();
        HttpHooks.install(armed.key(), new HttpChecker(new UrlRules(http.rules()), http.mode(), armed.enforcer(),
                http.propagates() ? http.tenantHeader() : null,
                http.signingKey() == null ? null : new TenantSignature(http.signingKey()), armed.observations()));
        armed.modes().guarded(name(), http.mode());
    }

    @Override
    public String status(Policy policy) {
        HttpPolicy http = policy.http();
        if (!http.instrumented()) {
            return "http not guarded";
        }
        return "http " + http.mode().name().toLowerCase()
                + (http.checksUrls() ? " (" + http.rules().size() + " rules)" : " (no rules)")
                + (http.propagates() ? ", tenant propagated as " + http.tenantHeader() + " and baggage"
                        + (http.signingKey() == null ? "" : ", signed in " + http.signatureHeader())
                        : ", tenant not propagated");
    }
}
