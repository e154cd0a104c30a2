package dev.tenantguard.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.regex.Pattern;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.junit.jupiter.api.Test;

/**
 * {@code tenant.from: hibernate}: the resolver is taken from the SessionFactory as Hibernate built it and
 * asked through method handles; what counts as no tenant; no allocation when it answers the same tenant.
 */
class HibernateTenantTest {
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /** The application's resolver: its own thread-local, "" when unset, "root" as the root tenant. */
    public static final class AppResolver implements CurrentTenantIdentifierResolver<String> {
        static final ThreadLocal<String> TENANT = new ThreadLocal<>();

        @Override
        public String resolveCurrentTenantIdentifier() {
            String tenant = TENANT.get();
            if ("boom".equals(tenant)) {
                throw new IllegalStateException("no tenant");
            }
            return tenant == null ? "" : tenant;
        }

        @Override
        public boolean validateExistingCurrentSessions() {
            return false;
        }

        @Override
        public boolean isRoot(String tenantId) {
            return "root".equals(tenantId);
        }
    }

    /** Stands in for SessionFactoryImpl: the one method the agent calls on it. */
    public static final class Factory {
        private final Object resolver;

        Factory(Object resolver) {
            this.resolver = resolver;
        }

        public Object getCurrentTenantIdentifierResolver() {
            return resolver;
        }
    }

    @Test
    void theResolverOfTheBuiltFactoryGivesTheTenantOfTheCallingThread() throws Exception {
        HibernateTenant source = new HibernateTenant(PATTERN);
        assertNull(source.current(), "no factory built yet");
        source.factoryBuilt(new Factory(new AppResolver()));

        assertTrue(source.captured());
        AppResolver.TENANT.set("acme");
        assertEquals("acme", source.current());
        AppResolver.TENANT.set("globex");
        assertEquals("globex", source.current());
        AppResolver.TENANT.remove();
    }

    @Test
    void defaultRootInvalidAndFailingAnswersAreNoTenant() throws Exception {
        HibernateTenant source = new HibernateTenant(PATTERN);
        source.factoryBuilt(new Factory(new AppResolver()));
        for (String answer : new String[] {null, "root", "Not A Tenant", "boom"}) {
            AppResolver.TENANT.set(answer);
            assertNull(source.current(), "answer " + answer);
        }
        AppResolver.TENANT.remove();
    }

    @Test
    void aFactoryWithoutResolverAndTheSourceNotConfiguredGiveNoTenant() throws Exception {
        HibernateTenant source = new HibernateTenant(PATTERN);
        source.factoryBuilt(new Factory(null));
        assertFalse(source.captured());
        HibernateTenant.NONE.factoryBuilt(new Factory(new AppResolver()));
        AppResolver.TENANT.set("acme");
        assertNull(HibernateTenant.NONE.current());
        AppResolver.TENANT.remove();
    }

    @Test
    void theSameTenantAgainIsAnsweredWithoutAllocating() throws Exception {
        HibernateTenant source = new HibernateTenant(PATTERN);
        source.factoryBuilt(new Factory(new AppResolver()));
        AppResolver.TENANT.set("acme");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            source.current(); // warm up: compiled as on a service
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 50_000; i++) {
            source.current();
        }
        long bytes = threads.getThreadAllocatedBytes(id) - before;
        AppResolver.TENANT.remove();
        assertTrue(bytes < 50_000, "allocated " + bytes + " bytes in 50000 answers");
    }
}
