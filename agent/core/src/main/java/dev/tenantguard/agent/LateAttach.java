package dev.tenantguard.agent;

import java.lang.instrument.Instrumentation;
import java.security.CodeSource;

/**
 * What cannot be done when the agent is attached to a JVM that is already running: the application
 * must not have loaded the tenant API yet — its {@code TenantContext} would be another class than
 * the one the checks read, so every tenant it sets would be invisible to them. Such an attach is
 * refused, before anything changes in the JVM. (What a family cannot guard after an attach, it
 * says itself: {@code Family.beforeAttach}.)
 */
final class LateAttach {
    private static final String[] API_PACKAGES = {"dev.tenantguard.api.", "dev.tenantguard.internal."};

    private LateAttach() {
    }

    /** Why the tenant API cannot be shared with the application, or {@code null} when it can. */
    static String apiLoadedByApplication(Instrumentation instrumentation) {
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && isApiClass(type.getName())) {
                CodeSource source = type.getProtectionDomain().getCodeSource();
                return "the application already loaded " + type.getName() + " (from "
                        + (source == null ? loader.toString() : String.valueOf(source.getLocation()))
                        + ") before the agent was attached: the tenants it sets could not be seen by the checks."
                        + " Nothing was changed in the JVM; start it with -javaagent instead";
            }
        }
        return null;
    }

    private static boolean isApiClass(String name) {
        for (String prefix : API_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
