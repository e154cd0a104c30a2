package dev.tenantguard.agent.seal;

import static dev.tenantguard.agent.tooling.MethodWeave.methods;
import static dev.tenantguard.agent.tooling.Source.argument;
import static dev.tenantguard.agent.tooling.Source.argumentCall;

import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.HookCall;
import dev.tenantguard.internal.ReflectionHooks;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The agent protects itself: the two doors through which code opens another class's private
 * members — {@code AccessibleObject.checkCanSetAccessible} (behind every {@code setAccessible} and
 * {@code trySetAccessible}) and {@code MethodHandles.privateLookupIn} — are woven so that they stay
 * shut on the agent's classes for everyone but the agent and the JDK ({@link ReflectionHooks}).
 * Not a family of the policy: installed whenever the agent guards anything, and not in the start line.
 */
public final class ReflectionSeal implements Family {
    private static final String HOOKS = "dev/tenantguard/internal/ReflectionHooks";
    private static final String CLASS = "Ljava/lang/Class;";

    @Override
    public String name() {
        return "seal";
    }

    @Override
    public boolean guarded(Policy policy) {
        return true;
    }

    @Override
    public List<ClassWeave> jdkWeaves() {
        return List.of(
                new ClassWeave("java/lang/reflect/AccessibleObject", name()).with(
                        methods("(" + CLASS + CLASS + "Z)Z", "checkCanSetAccessible")
                                .atEntry(new HookCall(HOOKS, "settingAccessible", "(" + CLASS + CLASS + "Z)V",
                                        argument(0), argument(1), argument(2)))),
                new ClassWeave("java/lang/invoke/MethodHandles", name()).with(
                        methods("(" + CLASS + "Ljava/lang/invoke/MethodHandles$Lookup;)", "privateLookupIn")
                                .atEntry(new HookCall(HOOKS, "privateLookup", "(" + CLASS + CLASS + ")V", argument(0),
                                        argumentCall(1, Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandles$Lookup",
                                                "lookupClass", "()" + CLASS)))));
    }

    @Override
    public String unprovenConsequence() {
        return "Application code could open the agent's classes by reflection and switch it off.";
    }

    @Override
    public void arm(Armed armed) {
        ReflectionHooks.install(armed.key(), ReflectionSeal.class);
    }

    @Override
    public String status(Policy policy) {
        return "sealed against reflection";
    }
}
