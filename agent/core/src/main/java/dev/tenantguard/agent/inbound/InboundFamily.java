package dev.tenantguard.agent.inbound;

import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.JdkWeaver;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.InboundHooks;
import java.util.List;

/**
 * Where the tenant of a request comes from: the JDK HttpServer's filter chain woven by name
 * ({@link InboundWeaves}), servlets and filters of any container as they load
 * ({@link InboundInstrumentation}); {@link InboundChecker} behind {@link InboundHooks} opens the
 * request's tenant scope from {@code tenant.from}.
 */
public final class InboundFamily implements Family {
    @Override
    public String name() {
        return "inbound";
    }

    @Override
    public boolean guarded(Policy policy) {
        return policy.inbound().instrumented();
    }

    @Override
    public List<ClassWeave> jdkWeaves() {
        return InboundWeaves.all();
    }

    @Override
    public List<TypeInstrumentation> libraryTypes() {
        return List.of(InboundInstrumentation.TYPES);
    }

    @Override
    public List<String> selfTest(JdkWeaver weaver, AgentKey key, boolean atStart) {
        // a JVM started without the jdk.httpserver module (--limit-modules, jlink images) has no JDK
        // server to prove; the servlet containers are checked as their classes load
        if (atStart || ModuleLayer.boot().findModule("jdk.httpserver").isEmpty()) {
            return List.of();
        }
        return InboundSelfTest.run(weaver, key);
    }

    @Override
    public String unprovenConsequence() {
        return "Requests would get no tenant.";
    }

    @Override
    public void arm(Armed armed) {
        Policy policy = armed.policy();
        InboundHooks.install(armed.key(), new InboundChecker(policy.inbound().from(), policy.tenantPattern(),
                policy.http().tenantHeader(), policy.http().signatureHeader(), policy.http().signingKey(),
                policy.inbound().mdcKey(), policy.mode(), armed.enforcer(), armed.key()));
    }

    @Override
    public String status(Policy policy) {
        if (!guarded(policy)) {
            return "inbound not read";
        }
        StringBuilder sources = new StringBuilder("[");
        for (Object source : policy.inbound().from()) {
            sources.append(sources.length() == 1 ? "" : ", ").append(source);
        }
        return "inbound tenant from " + sources.append(']')
                + (policy.http().signingKey() != null ? " (tenant header signed)" : "")
                + (policy.inbound().mdcKey() != null ? ", MDC " + policy.inbound().mdcKey() : "");
    }
}
