package dev.tenantguard.internal;

import java.security.ProtectionDomain;

/**
 * The agent's seal against reflection: woven into {@code AccessibleObject.checkCanSetAccessible}
 * (every {@code setAccessible} and {@code trySetAccessible}) and {@code MethodHandles.privateLookupIn}.
 * Classes on the bootstrap class path live in the bootstrap loader's unnamed module, which is open
 * to everyone, and so do the agent's classes in the system loader's: without this, any class could
 * make their private fields accessible and replace a guard or the state that decides a check.
 *
 * <p>Sealed: the classes of the agent's jar (its protection domain) and its bootstrap part
 * ({@code dev.tenantguard.internal}); not the public API. Allowed: the JDK itself (the bootstrap
 * loader: serialization reads {@code serialVersionUID} this way) and the agent's own classes. The
 * cost outside the seal is one cached {@code Class.getName()} and a prefix test per
 * {@code setAccessible}, which is never on a guarded call's path.
 */
public final class ReflectionHooks {
    private static volatile ProtectionDomain agentDomain;
    private static boolean installed;

    private ReflectionHooks() {
    }

    /** Seals the agent's classes; {@code agent} is a class of the agent jar. Once, by the agent. */
    public static synchronized void install(AgentKey key, Class<?> agent) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the reflection seal is installed once, by the agent; refused");
        }
        installed = true;
        agentDomain = agent.getProtectionDomain();
    }

    /** Entry of {@code AccessibleObject.checkCanSetAccessible(caller, declaringClass, throwExceptionIfDenied)}. */
    public static void settingAccessible(Class<?> caller, Class<?> declaring, boolean throwIfDenied) {
        if (!sealed(declaring) || allowed(caller)) {
            return;
        }
        String message = "tenant-guard: " + (caller == null ? "code" : caller.getName())
                + " may not open the agent's class " + declaring.getName() + " by reflection";
        if (throwIfDenied) {
            throw new java.lang.reflect.InaccessibleObjectException(message);
        }
        throw new SecurityException(message); // trySetAccessible: the exception it declares
    }

    /** Entry of {@code MethodHandles.privateLookupIn(target, caller)}. */
    public static void privateLookup(Class<?> target, Class<?> caller) {
        if (sealed(target) && !allowed(caller)) {
            throw new SecurityException("tenant-guard: " + (caller == null ? "code" : caller.getName())
                    + " may not look up the agent's class " + target.getName() + " privately");
        }
    }

    /**
     * The agent's own classes: those of its jar (its protection domain: the shaded dependencies
     * too) and its bootstrap part. Not the API, and not other code that happens to live under
     * {@code dev.tenantguard} (the JUnit extension, an application's tests).
     */
    private static boolean sealed(Class<?> type) {
        ProtectionDomain agent = agentDomain;
        if (type == null || agent == null || !type.getName().startsWith("dev.tenantguard.")) {
            return false;
        }
        return type.getClassLoader() == null ? type.getName().startsWith("dev.tenantguard.internal.")
                : type.getProtectionDomain() == agent;
    }

    private static boolean allowed(Class<?> caller) {
        return caller != null && (caller.getClassLoader() == null || caller.getProtectionDomain() == agentDomain);
    }
}
