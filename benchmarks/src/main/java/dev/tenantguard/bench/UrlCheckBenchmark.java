package dev.tenantguard.bench;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.http.HttpChecker;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.UrlRules;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.internal.ThreadState;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The URL check's own logic, in process: what the HTTP hook decides for a request of the current
 * tenant to its own endpoint (host pre-filter, normalization, match, tenant compare), and for a
 * host no rule names (the pre-filter alone). The propagation of the tenant header is not in it.
 */
@InArms(BenchArm.NO_AGENT)
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UrlCheckBenchmark {
    private final URI own = URI.create("https://acme.api.example.com/v1/orders/1001");
    private final URI outside = URI.create("https://status.example.org/v1/health");
    private final URI ownAtAddress = URI.create("http://10.0.0.5/v1/tenants/acme/orders/1001");
    private HttpChecker checker;
    /** The same rules plus one that names an address: the pre-filter admits every host then. */
    private HttpChecker withAddressRule;
    private ThreadState state;

    @Setup(Level.Trial)
    public void setUp() {
        UrlRules rules = new UrlRules(List.of("https://{tenant}.api.example.com/**",
                "http://billing.internal/v1/tenants/{tenant}/**"));
        BoundaryEnforcer enforcer = new BoundaryEnforcer(ViolationReporter.create(null, false),
                new CallerPatterns(List.of()), NoTenantResponse.ENFORCE, 12);
        checker = new HttpChecker(rules, Mode.ENFORCE, enforcer, null);
        withAddressRule = new HttpChecker(new UrlRules(List.of("https://{tenant}.api.example.com/**",
                "http://billing.internal/v1/tenants/{tenant}/**", "http://10.0.0.5/v1/tenants/{tenant}/**")),
                Mode.ENFORCE, enforcer, null);
        state = ThreadState.current();
        TenantContext.open("acme"); // no agent in this JVM: the scope stays open for the trial
        if (!checker.coversUri(own) || checker.coversUri(outside)) {
            throw new IllegalStateException("the rules do not cover the URLs as this benchmark assumes");
        }
        try {
            checker.request(URI.create("https://globex.api.example.com/v1/orders/1"), "GET", state);
            throw new IllegalStateException("another tenant's URL was allowed: this measures nothing");
        } catch (SecurityException expected) {
            // the check works: own-tenant requests below take its allow path
        }
    }

    /** A request to the current tenant's own host: match and compare. */
    @Benchmark
    public ThreadState ownTenant() {
        if (checker.coversUri(own)) {
            checker.request(own, "GET", state);
        }
        return state;
    }

    /** A request to the own tenant's path at an address a rule names: match, the address compared. */
    @Benchmark
    public ThreadState ownTenantAtAddress() {
        if (withAddressRule.coversUri(ownAtAddress)) {
            withAddressRule.request(ownAtAddress, "GET", state);
        }
        return state;
    }

    /** A request to a host no rule names, with an address rule in the policy: normalized, not resolved. */
    @Benchmark
    public ThreadState outsideRulesWithAddressRule() {
        if (withAddressRule.coversUri(outside)) {
            withAddressRule.request(outside, "GET", state);
        }
        return state;
    }

    /** A request to a host no rule names: the host pre-filter alone, as the HttpClient hook asks it. */
    @Benchmark
    public boolean outsideRules() {
        return checker.coversUri(outside);
    }
}
