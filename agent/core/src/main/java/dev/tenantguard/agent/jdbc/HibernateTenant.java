package dev.tenantguard.agent.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.regex.Pattern;

/**
 * The {@code hibernate} tenant source: the tenant the application resolves for Hibernate, read from
 * the {@code CurrentTenantIdentifierResolver} of the last {@code SessionFactory} built (captured when
 * its constructor returns; the agent links against no Hibernate class) at each JDBC call that runs with
 * no tenant in context, on the calling thread — the thread whose tenant the resolver answers for, as
 * when Hibernate itself asks it on opening a session. An answer that is null, blank, not a valid tenant
 * id, the resolver's root tenant ({@code isRoot}, Hibernate 6.4+) or an exception is no tenant: the call
 * is judged as one with no tenant ({@code noTenant}).
 */
final class HibernateTenant {
    static final String RESOLVER = "org.hibernate.context.spi.CurrentTenantIdentifierResolver";

    /** The source is not configured: never asks. */
    static final HibernateTenant NONE = new HibernateTenant(null);

    private final Pattern tenantPattern;
    private volatile Resolver resolver;
    /** The last answer that matched the pattern: the application's own string, checked once, not again. */
    private volatile String lastValid;

    /** @param tenantPattern {@code tenant.pattern}; {@code null} for {@link #NONE} */
    HibernateTenant(Pattern tenantPattern) {
        this.tenantPattern = tenantPattern;
    }

    /** Takes the resolver of a SessionFactory Hibernate just built; a factory without one is ignored. */
    void factoryBuilt(Object sessionFactory) throws ReflectiveOperationException {
        if (tenantPattern == null) {
            return;
        }
        Object instance = sessionFactory.getClass().getMethod("getCurrentTenantIdentifierResolver").invoke(sessionFactory);
        if (instance == null) {
            return;
        }
        Class<?> type = Class.forName(RESOLVER, false, sessionFactory.getClass().getClassLoader());
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle resolve;
        try {
            resolve = lookup.findVirtual(type, "resolveCurrentTenantIdentifier", MethodType.methodType(Object.class));
        } catch (NoSuchMethodException e) { // Hibernate 5: String
            resolve = lookup.findVirtual(type, "resolveCurrentTenantIdentifier", MethodType.methodType(String.class));
        }
        MethodHandle isRoot = null;
        try {
            isRoot = lookup.findVirtual(type, "isRoot", MethodType.methodType(boolean.class, Object.class))
                    .asType(MethodType.methodType(boolean.class, Object.class, Object.class));
        } catch (NoSuchMethodException e) {
            // before 6.4 there is no root tenant
        }
        resolver = new Resolver(instance,
                resolve.asType(MethodType.methodType(Object.class, Object.class)), isRoot);
    }

    /** The tenant the application's resolver answers now on this thread, or {@code null} for none. */
    String current() {
        Resolver r = resolver;
        if (r == null) {
            return null;
        }
        try {
            Object id = (Object) r.resolve.invokeExact(r.instance);
            if (!(id instanceof String) || r.isRoot != null && (boolean) r.isRoot.invokeExact(r.instance, id)) {
                return null;
            }
            String tenant = (String) id;
            if (tenant == lastValid) {
                return tenant; // the allow path: no matcher built again for the application's own string
            }
            if (tenant.isBlank() || !tenantPattern.matcher(tenant).matches()) {
                return null;
            }
            lastValid = tenant;
            return tenant;
        } catch (Throwable t) {
            return null; // the resolver failed: no tenant, so a tenant-owned resource is refused as with none
        }
    }

    /** Whether a resolver was captured (for the status line and tests). */
    boolean captured() {
        return resolver != null;
    }

    private static final class Resolver {
        final Object instance;
        final MethodHandle resolve;
        final MethodHandle isRoot;

        Resolver(Object instance, MethodHandle resolve, MethodHandle isRoot) {
            this.instance = instance;
            this.resolve = resolve;
            this.isRoot = isRoot;
        }
    }
}
