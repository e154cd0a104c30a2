package dev.tenantguard.agent.propagation;

import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.JdkWeaver;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.ContextHooks;
import java.util.List;

/**
 * The tenant context carried with the work an application hands to other threads: the JDK's
 * executors, fork-join, {@code CompletableFuture}, threads and timers woven by name
 * ({@link ContextWeaves}), executors of libraries as they load ({@link ExecutorInstrumentation});
 * leaks and switches reported by {@link ContextLeakReporter} behind {@link ContextHooks}.
 */
public final class PropagationFamily implements Family {
    @Override
    public String name() {
        return "context";
    }

    @Override
    public boolean guarded(Policy policy) {
        return policy.contextPropagation();
    }

    @Override
    public List<ClassWeave> jdkWeaves() {
        return ContextWeaves.all();
    }

    @Override
    public List<TypeInstrumentation> libraryTypes() {
        return List.of(ExecutorInstrumentation.TYPES);
    }

    @Override
    public List<String> selfTest(JdkWeaver weaver, AgentKey key, boolean atStart) {
        // the behavioural probe starts pools, threads and timers: on attach only
        return atStart ? List.of() : ExecutorSelfTest.run(weaver, key);
    }

    @Override
    public String unprovenConsequence() {
        return "The tenant would not follow work to other threads.";
    }

    @Override
    public void arm(Armed armed) {
        ContextHooks.install(armed.key(), new ContextLeakReporter(armed.reporter(), armed.policy().stackDepth()));
    }

    @Override
    public String status(Policy policy) {
        return "context " + (guarded(policy) ? "propagated to executors, threads and timers" : "not propagated");
    }
}
