package dev.tenantguard.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.JdbcPolicy;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.GuardedConnection;
import dev.tenantguard.internal.GuardedStatement;
import dev.tenantguard.internal.TestThreads;
import dev.tenantguard.internal.ThreadState;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The checker's allow path from bind to execute, measured by the JVM's per-thread allocation
 * counter rather than by JMH on a loaded machine: capturing a tenant bound with {@code setLong},
 * {@code setString} or a UUID and checking it at execute allocates nothing, in the interpreter as in
 * compiled code (no boxing, no iterator, no string built). The statement and connection are the
 * fields the agent adds to a driver's classes; no driver behaviour is stood in for.
 */
class JdbcCheckerAllowPathTest {
    private static final String SELECT = "SELECT item FROM orders WHERE tenant_id = ? AND id = ?";
    private static final int ROUNDS = 50_000;

    private final CollectingSink sink = new CollectingSink();
    private final JdbcChecker checker = new JdbcChecker(
            new JdbcPolicy(Mode.ENFORCE, "tenant_id", List.of("orders"), List.of(), List.of(), null),
            new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()), NoTenantResponse.ENFORCE, 12));
    private final FieldsOnly statement = new FieldsOnly();
    private final ThreadState thread = ThreadState.current();

    @Test
    void aNumericTenantBoundWithSetLongIsCheckedWithoutAllocating() {
        checker.prepared(new ConnectionFields(), statement, SELECT);
        thread.tenant(TestThreads.KEY, "7");
        long bytes = allocatedBy(() -> {
            checker.boundNumber(statement, 1, 7L);
            checker.boundNumber(statement, 2, 42); // not a tenant parameter: not kept
            checker.execute(statement, null, thread);
        });
        assertNoAllocationPerRound(bytes);
        checker.boundNumber(statement, 1, 8L);
        TenantBoundaryViolation crossing = assertThrows(TenantBoundaryViolation.class,
                () -> checker.execute(statement, null, thread));
        assertEquals(ViolationKind.CROSS_TENANT, crossing.kind());
        assertEquals("8", crossing.resourceTenant());
    }

    @Test
    void aStringOrUuidTenantIsCheckedWithoutAllocating() {
        checker.prepared(new ConnectionFields(), statement, SELECT);
        UUID uuid = UUID.fromString("6f1c0d2e-1b7a-4c55-9a0e-2f4b8c1d3e5a");
        thread.tenant(TestThreads.KEY, uuid.toString());
        assertNoAllocationPerRound(allocatedBy(() -> {
            checker.bound(statement, 1, uuid);
            checker.execute(statement, null, thread);
        }));
        String acme = "acme";
        thread.tenant(TestThreads.KEY, acme);
        assertNoAllocationPerRound(allocatedBy(() -> {
            checker.bound(statement, 1, acme);
            checker.execute(statement, null, thread);
        }));
        checker.notCaptured(statement, 0, null); // clearParameters
        TenantBoundaryViolation unknown = assertThrows(TenantBoundaryViolation.class,
                () -> checker.execute(statement, null, thread));
        assertEquals(ViolationKind.NOT_VERIFIED, unknown.kind());
        assertTrue(unknown.getMessage().contains("the value bound to tenant_id (parameter 1, WHERE) was not captured"),
                unknown.getMessage());
    }

    @Test
    void theTenantArgumentOfATrustedRoutineIsCheckedWithoutAllocating() {
        JdbcChecker routines = new JdbcChecker(new JdbcPolicy(Mode.ENFORCE, "tenant_id", List.of("orders"), List.of(),
                List.of(), null, List.of("delete_order(tenant, _)")),
                new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()), NoTenantResponse.ENFORCE, 12));
        routines.prepared(new ConnectionFields(), statement, "{call delete_order(?, ?)}");
        String acme = "acme";
        thread.tenant(TestThreads.KEY, acme);
        assertNoAllocationPerRound(allocatedBy(() -> {
            routines.bound(statement, 1, acme);
            routines.boundNumber(statement, 2, 42);
            routines.execute(statement, null, thread);
        }));
        routines.bound(statement, 1, "globex");
        TenantBoundaryViolation crossing = assertThrows(TenantBoundaryViolation.class,
                () -> routines.execute(statement, null, thread));
        assertEquals(ViolationKind.CROSS_TENANT, crossing.kind());
        assertEquals("globex", crossing.resourceTenant());
    }

    /** tenant.from hibernate: no tenant in context, the application's resolver answers acme on this thread. */
    @Test
    void theTenantOfTheApplicationsHibernateResolverIsCheckedWithoutAllocating() throws Exception {
        HibernateTenant hibernate = new HibernateTenant(java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}"));
        hibernate.factoryBuilt(new HibernateTenantTest.Factory(new HibernateTenantTest.AppResolver()));
        JdbcChecker resolving = new JdbcChecker(
                new JdbcPolicy(Mode.ENFORCE, "tenant_id", List.of("orders"), List.of(), List.of(), null),
                new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()), NoTenantResponse.ENFORCE, 12),
                hibernate);
        resolving.prepared(new ConnectionFields(), statement, SELECT);
        thread.tenant(TestThreads.KEY, null);
        String acme = "acme";
        HibernateTenantTest.AppResolver.TENANT.set(acme);
        try {
            assertNoAllocationPerRound(allocatedBy(() -> {
                resolving.bound(statement, 1, acme);
                resolving.execute(statement, null, thread);
            }));
            resolving.bound(statement, 1, "globex");
            TenantBoundaryViolation crossing = assertThrows(TenantBoundaryViolation.class,
                    () -> resolving.execute(statement, null, thread));
            assertEquals(ViolationKind.CROSS_TENANT, crossing.kind());
            assertEquals("acme", crossing.activeTenant());
            HibernateTenantTest.AppResolver.TENANT.remove(); // the resolver's default "": no tenant
            resolving.bound(statement, 1, acme);
            assertEquals(ViolationKind.NO_TENANT, assertThrows(TenantBoundaryViolation.class,
                    () -> resolving.execute(statement, null, thread)).kind());
        } finally {
            HibernateTenantTest.AppResolver.TENANT.remove();
        }
    }

    @Test
    void eachRowsTenantOfARowListAndAJoinedKeyAreCheckedWithoutAllocating() {
        checker.prepared(new ConnectionFields(), statement,
                "SELECT o.item FROM tenants t JOIN orders o ON o.tenant_id = t.id WHERE t.id = ? AND (o.tenant_id, o.id) IN ((?, ?), (?, ?))");
        String acme = "acme";
        thread.tenant(TestThreads.KEY, acme);
        assertNoAllocationPerRound(allocatedBy(() -> {
            checker.bound(statement, 1, acme);
            checker.bound(statement, 2, acme);
            checker.boundNumber(statement, 3, 1);
            checker.bound(statement, 4, acme);
            checker.boundNumber(statement, 5, 2);
            checker.execute(statement, null, thread);
        }));
        checker.bound(statement, 4, "globex");
        TenantBoundaryViolation crossing = assertThrows(TenantBoundaryViolation.class,
                () -> checker.execute(statement, null, thread));
        assertEquals("globex", crossing.resourceTenant());
    }

    /**
     * A trusted routine's tenant argument bound by name ({@code setString("p_tenant", …)}), its routine's
     * parameter names known for the connection (read once from the metadata on MariaDB): the name is mapped
     * and the value checked without allocating; a name the routine does not have leaves the value unknown.
     */
    @Test
    void theTenantArgumentOfATrustedRoutineBoundByNameIsCheckedWithoutAllocating() {
        JdbcChecker routines = new JdbcChecker(new JdbcPolicy(Mode.ENFORCE, "tenant_id", List.of("orders"), List.of(),
                List.of(), null, List.of("delete_order(tenant, _)")),
                new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()), NoTenantResponse.ENFORCE, 12));
        ConnectionFields connection = new ConnectionFields();
        routines.prepared(connection, statement, "{call delete_order(?, ?)}");
        ((ConnectionState) connection.tenantGuard$state()).routineParameters.put("routine delete_order", List.of("p_tenant", "p_id"));
        String acme = "acme";
        thread.tenant(TestThreads.KEY, acme);
        assertNoAllocationPerRound(allocatedBy(() -> {
            routines.bound(statement, routines.indexOfName(statement, "P_TENANT"), acme);
            routines.boundNumber(statement, routines.indexOfName(statement, "p_id"), 42);
            routines.execute(statement, null, thread);
        }));
        routines.bound(statement, routines.indexOfName(statement, "p_tenant"), "globex");
        TenantBoundaryViolation crossing = assertThrows(TenantBoundaryViolation.class,
                () -> routines.execute(statement, null, thread));
        assertEquals(ViolationKind.CROSS_TENANT, crossing.kind());
        assertEquals(0, routines.indexOfName(statement, "p_other"));
        routines.notCaptured(statement, 0, "setString"); // what the hook does with a name it cannot map
        assertEquals(ViolationKind.NOT_VERIFIED, assertThrows(TenantBoundaryViolation.class,
                () -> routines.execute(statement, null, thread)).kind());
    }

    /**
     * Nothing allocated per round: the smallest object is 16 bytes, so {@link #ROUNDS} rounds that
     * allocate would show at least 16 times as many bytes. A one-off of the JVM's during the
     * measured loop (seen: 200 bytes once in 50,000 rounds on a loaded host) is not the allow path.
     */
    private static void assertNoAllocationPerRound(long bytes) {
        assertTrue(bytes < ROUNDS, bytes + " bytes allocated by " + ROUNDS + " bind + execute rounds");
    }

    private long allocatedBy(Runnable round) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < ROUNDS; i++) {
            round.run(); // warm up: class loading and first-call allocations are not the allow path
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        long after = threads.getCurrentThreadAllocatedBytes();
        // the counter call itself allocates nothing; one call's worth is measured to be sure
        long noise = threads.getCurrentThreadAllocatedBytes() - after;
        return after - before - noise;
    }

    /** The fields the agent adds to a driver's statement class. */
    private static final class FieldsOnly implements GuardedStatement {
        private Object analysis;
        private Object binds;
        private Object connection;
        private long number;

        @Override
        public Object tenantGuard$analysis() {
            return analysis;
        }

        @Override
        public void tenantGuard$analysis(Object analysis) {
            this.analysis = analysis;
        }

        @Override
        public Object tenantGuard$binds() {
            return binds;
        }

        @Override
        public void tenantGuard$binds(Object binds) {
            this.binds = binds;
        }

        @Override
        public long tenantGuard$number() {
            return number;
        }

        @Override
        public void tenantGuard$number(long number) {
            this.number = number;
        }

        @Override
        public Object tenantGuard$connection() {
            return connection;
        }

        @Override
        public void tenantGuard$connection(Object connection) {
            this.connection = connection;
        }
    }

    /** The field the agent adds to a driver's connection class. */
    private static final class ConnectionFields implements GuardedConnection {
        private Object state;

        @Override
        public Object tenantGuard$state() {
            return state;
        }

        @Override
        public void tenantGuard$state(Object state) {
            this.state = state;
        }
    }
}
