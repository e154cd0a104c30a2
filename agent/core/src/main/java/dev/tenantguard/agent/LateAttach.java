package dev.tenantguard.agent;

import java.lang.instrument.Instrumentation;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What cannot be done when the agent is attached to a JVM that is already running.
 *
 * <ul>
 * <li>The application must not have loaded the tenant API yet: its {@code TenantContext} would be
 *     another class than the one the checks read, so every tenant it sets would be invisible to
 *     them. Such an attach is refused, before anything changes in the JVM.</li>
 * <li>JDBC classes get fields when they are instrumented, and a class already loaded cannot get
 *     new fields. Drivers and pools already loaded keep running unchecked (their whole package, so
 *     that no driver is half instrumented); those loaded after the attach are guarded.</li>
 * </ul>
 * File I/O and the JDK's HTTP clients are guarded completely: their classes are retransformed.
 */
final class LateAttach {
    private static final String[] API_PACKAGES = {"dev.tenantguard.api.", "dev.tenantguard.bootstrap."};

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

    /** The packages of the JDBC connection and statement classes already loaded (outside the JDK). */
    static Set<String> loadedJdbcPackages(Instrumentation instrumentation) {
        Set<String> packages = new TreeSet<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isInterface() || type.getClassLoader() == null || type.getPackageName().startsWith("dev.tenantguard.")
                    || !(java.sql.Connection.class.isAssignableFrom(type) || java.sql.Statement.class.isAssignableFrom(type))) {
                continue;
            }
            packages.add(type.getPackageName());
        }
        return packages;
    }

    /** The note for the attacher about JDBC classes loaded before the attach; empty when there are none. */
    static List<String> jdbcNotes(Set<String> packages) {
        List<String> notes = new ArrayList<>();
        if (!packages.isEmpty()) {
            notes.add("jdbc: " + String.join(", ", packages) + (packages.size() == 1 ? " was" : " were")
                    + " loaded before the attach and cannot be instrumented any more (JDBC classes get fields):"
                    + " statements of these drivers and pools are NOT checked. Drivers and pools loaded from now on"
                    + " are. Start the JVM with -javaagent to guard JDBC completely.");
        }
        return notes;
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
