package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.config.TenantSource;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.JdbcHooks;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * JDBC: every driver's and pool's connection and statement classes instrumented as they load
 * ({@link JdbcInstrumentation}); each statement analysed ({@code jdbc.sql}) and checked against
 * the tenant tables, schemas and databases of the policy by {@link JdbcChecker} behind
 * {@link JdbcHooks}.
 *
 * <p>On attach, JDBC classes already loaded cannot get the fields the instrumentation adds: the
 * drivers and pools loaded before keep running unchecked (their whole package, so that no driver
 * is half instrumented), and the attacher is told so; those loaded after the attach are guarded.
 */
public final class JdbcFamily implements Family {
    private Set<String> loadedPackages = Set.of();

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public boolean guarded(Policy policy) {
        return policy.jdbc().guardsAnything() || (policy.reportObserve() && policy.jdbc().mode() != Mode.OFF);
    }

    @Override
    public List<TypeInstrumentation> libraryTypes() {
        return List.of(JdbcInstrumentation.types(loadedPackages), HibernateInstrumentation.SESSION_FACTORY_BUILT);
    }

    @Override
    public List<String> beforeAttach(Instrumentation instrumentation) {
        loadedPackages = loadedJdbcPackages(instrumentation);
        List<String> notes = new ArrayList<>();
        if (!loadedPackages.isEmpty()) {
            notes.add("jdbc: " + String.join(", ", loadedPackages) + (loadedPackages.size() == 1 ? " was" : " were")
                    + " loaded before the attach and cannot be instrumented any more (JDBC classes get fields):"
                    + " statements of these drivers and pools are NOT checked. Drivers and pools loaded from now on"
                    + " are. Start the JVM with -javaagent to guard JDBC completely.");
        }
        return notes;
    }

    @Override
    public String failure(List<String> problems) {
        return "JDBC instrumentation failed on Java " + Runtime.version() + ": " + String.join("; ", problems);
    }

    @Override
    public String unprovenConsequence() {
        return "Statements would not be checked.";
    }

    @Override
    public void arm(Armed armed) {
        boolean fromHibernate = false;
        for (TenantSource source : armed.policy().inbound().from()) {
            fromHibernate |= source.kind() == TenantSource.Kind.HIBERNATE;
        }
        HibernateTenant hibernate = fromHibernate
                ? new HibernateTenant(Pattern.compile(armed.policy().tenantPattern())) : HibernateTenant.NONE;
        JdbcHooks.install(armed.key(), new JdbcChecker(armed.policy().jdbc(), armed.enforcer(), hibernate,
                armed.observations()));
        armed.modes().guarded(name(), armed.policy().jdbc().mode());
    }

    @Override
    public String status(Policy policy) {
        return "jdbc " + (guarded(policy) ? policy.jdbc().mode().name().toLowerCase() : "not guarded")
                + (guarded(policy) && !policy.jdbc().trustedRoutines().isEmpty()
                        ? " (trusted routines, not verified: " + String.join(", ", policy.jdbc().trustedRoutines()) + ")" : "");
    }

    /** The packages of the JDBC connection, statement and result set classes already loaded (outside the JDK). */
    private static Set<String> loadedJdbcPackages(Instrumentation instrumentation) {
        Set<String> packages = new TreeSet<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isInterface() || type.getClassLoader() == null || type.getPackageName().startsWith("dev.tenantguard.")
                    || !(java.sql.Connection.class.isAssignableFrom(type) || java.sql.Statement.class.isAssignableFrom(type)
                    || java.sql.ResultSet.class.isAssignableFrom(type))) {
                continue;
            }
            packages.add(type.getPackageName());
        }
        return packages;
    }
}
