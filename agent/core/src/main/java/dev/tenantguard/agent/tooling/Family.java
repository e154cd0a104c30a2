package dev.tenantguard.agent.tooling;

import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.internal.AgentKey;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * One guarded family (files, JDBC, HTTP, propagation, inbound requests …) as the installer sees it:
 * everything about a family is in its own package, and it hands the tooling what to weave in the
 * JDK, which library types to instrument, how to prove the instrumentation works, and the checker
 * to arm behind its bootstrap hooks. Adding a family is one package and one line in the list of
 * families.
 *
 * <p>The installer, for each family the policy guards: instruments ({@link #jdkWeaves()},
 * {@link #libraryTypes()}) and proves ({@link #selfTest}); once every family is proven it
 * {@linkplain #arm arms} them all. A family that cannot be proven stops the start (or fails the
 * attach) with {@link #failure}: the agent never runs half-instrumented.
 */
public interface Family {
    /** Its name in the policy, the reports, the MXBean and the start line: {@code files}, {@code jdbc} … */
    String name();

    /** Whether {@code policy} guards this family; a family it does not guard is not instrumented at all. */
    boolean guarded(Policy policy);

    /** The JDK classes this family weaves by name with plain ASM; every required method is checked. */
    default List<ClassWeave> jdkWeaves() {
        return List.of();
    }

    /** The application's types this family instruments with Byte Buddy as they load. */
    default List<TypeInstrumentation> libraryTypes() {
        return List.of();
    }

    /**
     * On attach only, before anything is instrumented: what the family must learn of the classes
     * loaded already. Returns notes for the attacher (routes that stay unguarded, and why).
     */
    default List<String> beforeAttach(Instrumentation instrumentation) {
        return List.of();
    }

    /**
     * Proves, once instrumented, that each route of the family is intercepted; returns the
     * problems. At start only the probes cheap enough for every JVM's start run; on attach all. A
     * probe guard goes behind the hooks with {@code key} ({@code XxxHooks.probe}), before {@link #arm}.
     */
    default List<String> selfTest(JdkWeaver weaver, AgentKey key, boolean atStart) {
        return List.of();
    }

    /** The sentence that stops the start (or fails the attach) when {@code problems} were found. */
    default String failure(List<String> problems) {
        return "self-test failed on Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "): "
                + String.join("; ", problems) + ". " + unprovenConsequence();
    }

    /** What an unproven instrumentation of this family would mean for the application. */
    String unprovenConsequence();

    /** Installs the family's checker behind its bootstrap hooks. */
    void arm(Armed armed);

    /** The family's part of the start line: its mode and rules, or that it is not guarded. */
    String status(Policy policy);
}
