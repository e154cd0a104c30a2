package dev.tenantguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.stack.StackProbe;
import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.PathNormalizer;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.TestThreads;
import dev.tenantguard.internal.ThreadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The file checker and the enforcer behind it, with real rules and a real reporter over a
 * collecting sink. This class is in an agent package, so its frames are not "application"
 * frames; calls that must come from an exempt caller go through {@link StackProbe}.
 */
class FileAccessCheckerTest {

    private static final String RULE = "/srv/data/tenants/{tenant}/**";
    private static final String EXPORTS = "/srv/exports/{tenant}-*.csv";
    private static final PathRules RULES = new PathRules(List.of(RULE, EXPORTS), new PathNormalizer("/srv/app"));

    private final CollectingSink sink = new CollectingSink();
    private final ViolationReporter reporter = CollectingSink.reporter(sink);
    private ThreadState state;

    @BeforeEach
    @AfterEach
    void resetThreadState() {
        state = TestThreads.reset();
    }

    private FileAccessChecker checker(Mode mode, NoTenantResponse noTenant, String... exempt) {
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(List.of(exempt)), noTenant, 12);
        return new FileAccessChecker(RULES, mode, enforcer);
    }

    private FileAccessChecker enforcing() {
        return checker(Mode.ENFORCE, NoTenantResponse.ENFORCE);
    }

    /** An enforcing checker over real folders: {@code root/tenants/{tenant}/**}, relative paths from {@code root}. */
    private FileAccessChecker tenantFolders(Path root, NoTenantResponse noTenant) {
        return new FileAccessChecker(new PathRules(List.of(root + "/tenants/{tenant}/**"),
                new PathNormalizer(root.toString())), Mode.ENFORCE, new BoundaryEnforcer(reporter,
                        new CallerPatterns(List.of()), noTenant, 12));
    }

    private ViolationEvent onlyEvent() {
        assertEquals(1, sink.writes().size(), sink.writes().toString());
        assertEquals(1, sink.writes().get(0).count());
        return sink.writes().get(0).event();
    }

    private void assertNothingRecorded() {
        assertEquals(List.of(), sink.writes());
        assertEquals(List.of(), reporter.summary());
    }

    @Test
    void theOwnTenantIsAllowedAndNothingIsRecorded() {
        state.tenant(TestThreads.KEY, "acme");

        enforcing().check("/srv/data/tenants/acme/x.txt", FileOp.READ, state);
        enforcing().check("/srv/data/tenants/acme", FileOp.LIST, state);
        enforcing().check("/srv/exports/acme-2024.csv", FileOp.WRITE, state);

        assertNothingRecorded();
    }

    @Test
    void pathsOutsideEveryRuleAreAllowed() {
        state.tenant(TestThreads.KEY, "acme");

        enforcing().check("/srv/data/tenants", FileOp.LIST, state);
        enforcing().check("/etc/passwd", FileOp.READ, state);
        enforcing().check("/srv/exports/globex.txt", FileOp.READ, state);
        state.tenant(TestThreads.KEY, null);
        enforcing().check("/tmp/x", FileOp.WRITE, state);

        assertNothingRecorded();
    }

    @Test
    void anotherTenantIsBlockedInEnforceMode() {
        state.tenant(TestThreads.KEY, "acme");

        TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class,
                () -> enforcing().check("/srv/data/tenants/globex/x.txt", FileOp.READ, state));

        assertEquals("tenant acme tried to READ /srv/data/tenants/globex/x.txt owned by tenant globex "
                + "(rule /srv/data/tenants/{tenant}/**)", v.getMessage());
        assertEquals(ViolationKind.CROSS_TENANT, v.kind());
        assertEquals("files", v.family());
        assertEquals("READ", v.operation());
        assertEquals("/srv/data/tenants/globex/x.txt", v.resource());
        assertEquals("globex", v.resourceTenant());
        assertEquals("acme", v.activeTenant());

        ViolationEvent e = onlyEvent();
        assertEquals("CROSS_TENANT", e.kind());
        assertEquals("BLOCKED", e.action());
        assertEquals("files", e.family());
        assertEquals("READ", e.operation());
        assertEquals("/srv/data/tenants/globex/x.txt", e.resource());
        assertEquals("globex", e.resourceTenant());
        assertEquals("acme", e.activeTenant());
        assertEquals(RULE, e.rule());
        assertEquals(v.getMessage(), e.message());
        assertEquals(Thread.currentThread().getName(), e.thread());
        assertFalse(e.callSite().startsWith("dev.tenantguard."), e.callSite());
        assertFalse(e.stack().isEmpty());
        assertTrue(e.stack().size() <= 12);
        assertTrue(e.time() != null);
    }

    @Test
    void theThrownViolationStartsAtTheFirstNonAgentFrame() {
        state.tenant(TestThreads.KEY, "acme");

        TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class,
                () -> enforcing().check("/srv/data/tenants/globex/x.txt", FileOp.READ, state));

        assertTrue(v.getStackTrace().length > 0);
        assertFalse(v.getStackTrace()[0].getClassName().startsWith("dev.tenantguard."),
                v.getStackTrace()[0].toString());
    }

    @ParameterizedTest
    @CsvSource({"0, READ", "1, WRITE", "2, DELETE", "3, LIST"})
    void theOperationIsNamedInTheMessage(int op, String name) {
        state.tenant(TestThreads.KEY, "acme");

        TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class,
                () -> enforcing().check("/srv/data/tenants/globex", op, state));

        assertEquals(name, v.operation());
        assertTrue(v.getMessage().startsWith("tenant acme tried to " + name + " /srv/data/tenants/globex "),
                v.getMessage());
        assertEquals(name, onlyEvent().operation());
    }

    @Test
    void aTenantCapturedInsideASegmentNamesItsRule() {
        state.tenant(TestThreads.KEY, "acme");

        TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class,
                () -> enforcing().check("/srv/exports/globex-2024.csv", FileOp.READ, state));

        assertEquals("tenant acme tried to READ /srv/exports/globex-2024.csv owned by tenant globex "
                + "(rule /srv/exports/{tenant}-*.csv)", v.getMessage());
        assertEquals(EXPORTS, onlyEvent().rule());
    }

    @ParameterizedTest
    @CsvSource({"acm, acme", "acme2, acme", "ACME, acme", "acme, acm", "a, acme", "acme, acme-1"})
    void tenantsAreComparedExactly(String active, String owner) {
        state.tenant(TestThreads.KEY, active);

        TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class,
                () -> enforcing().check("/srv/data/tenants/" + owner + "/x", FileOp.READ, state));

        assertEquals(owner, v.resourceTenant());
        assertEquals(active, v.activeTenant());
    }

    @Test
    void reportModeRecordsAndLetsTheCallRun() {
        state.tenant(TestThreads.KEY, "acme");
        FileAccessChecker checker = checker(Mode.REPORT, NoTenantResponse.ENFORCE);

        assertDoesNotThrow(() -> checker.check("/srv/data/tenants/globex/x.txt", FileOp.WRITE, state));

        ViolationEvent e = onlyEvent();
        assertEquals("CROSS_TENANT", e.kind());
        assertEquals("REPORTED", e.action());
        assertEquals("tenant acme tried to WRITE /srv/data/tenants/globex/x.txt owned by tenant globex "
                + "(rule /srv/data/tenants/{tenant}/**)", e.message());
    }

    @Test
    void repeatsAtOneCallSiteAreCounted() {
        state.tenant(TestThreads.KEY, "acme");
        FileAccessChecker checker = checker(Mode.REPORT, NoTenantResponse.REPORT);

        for (int i = 0; i < 3; i++) {
            checker.check("/srv/data/tenants/globex/" + i, FileOp.READ, state);
        }

        assertEquals(List.of(1L), sink.counts());
        assertEquals(3, reporter.summary().get(0).count());
    }

    @Test
    void noTenantEnforcedInAnEnforcingFamilyIsBlocked() {
        TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class,
                () -> checker(Mode.ENFORCE, NoTenantResponse.ENFORCE)
                        .check("/srv/data/tenants/acme/x", FileOp.WRITE, state));

        assertEquals(ViolationKind.NO_TENANT, v.kind());
        assertNull(v.activeTenant());
        assertEquals("code running with no tenant tried to WRITE /srv/data/tenants/acme/x owned by tenant acme "
                + "(rule /srv/data/tenants/{tenant}/**)", v.getMessage());
        ViolationEvent e = onlyEvent();
        assertEquals("NO_TENANT", e.kind());
        assertEquals("BLOCKED", e.action());
        assertNull(e.activeTenant());
        assertEquals("acme", e.resourceTenant());
    }

    @Test
    void noTenantReportedInAnEnforcingFamilyIsRecordedOnly() {
        assertDoesNotThrow(() -> checker(Mode.ENFORCE, NoTenantResponse.REPORT)
                .check("/srv/data/tenants/acme/x", FileOp.READ, state));

        ViolationEvent e = onlyEvent();
        assertEquals("NO_TENANT", e.kind());
        assertEquals("REPORTED", e.action());
    }

    @Test
    void noTenantEnforcedCannotMakeAReportingFamilyBlock() {
        assertDoesNotThrow(() -> checker(Mode.REPORT, NoTenantResponse.ENFORCE)
                .check("/srv/data/tenants/acme/x", FileOp.READ, state));

        ViolationEvent e = onlyEvent();
        assertEquals("NO_TENANT", e.kind());
        assertEquals("REPORTED", e.action());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"ENFORCE", "REPORT"})
    void noTenantAllowedIsNeitherBlockedNorRecorded(Mode mode) {
        assertDoesNotThrow(() -> checker(mode, NoTenantResponse.ALLOW)
                .check("/srv/data/tenants/acme/x", FileOp.DELETE, state));

        assertNothingRecorded();
    }

    @Test
    void noTenantAllowedDoesNotRelaxCrossTenant() {
        state.tenant(TestThreads.KEY, "globex");

        assertThrows(TenantBoundaryViolation.class, () -> checker(Mode.ENFORCE, NoTenantResponse.ALLOW)
                .check("/srv/data/tenants/acme/x", FileOp.READ, state));
        assertEquals("CROSS_TENANT", onlyEvent().kind());
    }

    @Test
    void privilegedCodeMayCrossTenants() {
        state.tenant(TestThreads.KEY, "acme");
        TestThreads.privileged(state, 1);

        enforcing().check("/srv/data/tenants/globex/x", FileOp.WRITE, state);
        TestThreads.privileged(state, 2);
        enforcing().check("/srv/data/tenants/globex/x", FileOp.DELETE, state);

        assertNothingRecorded();
    }

    @Test
    void privilegedCodeMayRunWithoutTenant() {
        TestThreads.privileged(state, 1);

        enforcing().check("/srv/data/tenants/globex/x", FileOp.READ, state);

        assertNothingRecorded();
    }

    @Test
    void anExemptPackageTreeIsAllowedAndNotRecorded() {
        state.tenant(TestThreads.KEY, "acme");
        FileAccessChecker checker = checker(Mode.ENFORCE, NoTenantResponse.ENFORCE, "com.example.stack.**");

        StackProbe.run(() -> checker.check("/srv/data/tenants/globex/x", FileOp.READ, state));
        state.tenant(TestThreads.KEY, null);
        StackProbe.run(() -> checker.check("/srv/data/tenants/globex/x", FileOp.READ, state));

        assertNothingRecorded();
    }

    @Test
    void anExemptClassIsAllowed() {
        state.tenant(TestThreads.KEY, "acme");
        FileAccessChecker checker = checker(Mode.ENFORCE, NoTenantResponse.ENFORCE, "com.example.stack.StackProbe");

        StackProbe.run(() -> checker.check("/srv/data/tenants/globex/x", FileOp.READ, state));

        assertNothingRecorded();
    }

    @Test
    void anExemptPackageIsAllowed() {
        state.tenant(TestThreads.KEY, "acme");
        FileAccessChecker checker = checker(Mode.REPORT, NoTenantResponse.REPORT, "com.example.stack.*");

        StackProbe.run(() -> checker.check("/srv/data/tenants/globex/x", FileOp.READ, state));

        assertNothingRecorded();
    }

    @Test
    void anExemptionMustMatchAClassOnTheStack() {
        state.tenant(TestThreads.KEY, "acme");
        FileAccessChecker checker = checker(Mode.ENFORCE, NoTenantResponse.ENFORCE, "com.other.**",
                "com.example.stack.Other", "com.example.*");

        assertThrows(TenantBoundaryViolation.class,
                () -> StackProbe.run(() -> checker.check("/srv/data/tenants/globex/x", FileOp.READ, state)));

        // the exempt caller's frame is the call site of the recorded event
        assertTrue(onlyEvent().callSite().startsWith("com.example.stack.StackProbe.run(StackProbe.java:"),
                onlyEvent().callSite());
    }

    @Test
    void anExemptCallerElsewhereDoesNotExemptOtherCallers() {
        state.tenant(TestThreads.KEY, "acme");
        FileAccessChecker checker = checker(Mode.ENFORCE, NoTenantResponse.ENFORCE, "com.example.stack.**");

        assertThrows(TenantBoundaryViolation.class,
                () -> checker.check("/srv/data/tenants/globex/x", FileOp.READ, state));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "/srv/data/tenants/acme/../globex/x,      acme,   /srv/data/tenants/globex/x,  globex",
            "/srv/data/tenants/./globex//x/,          acme,   /srv/data/tenants/globex/x,  globex",
            "/srv/data/x/../tenants/globex,           acme,   /srv/data/tenants/globex,    globex",
            "../data/tenants/globex/x,                acme,   /srv/data/tenants/globex/x,  globex",
            "/srv/app/../data/tenants/globex/x,       acme,   /srv/data/tenants/globex/x,  globex",
            "/../../srv/data/tenants/globex,          acme,   /srv/data/tenants/globex,    globex",
    })
    void pathsAreNormalizedBeforeMatching(String path, String tenant, String resource, String owner) {
        state.tenant(TestThreads.KEY, tenant);

        TenantBoundaryViolation v = assertThrows(TenantBoundaryViolation.class,
                () -> enforcing().check(path, FileOp.READ, state));

        assertEquals(resource, v.resource());
        assertEquals(owner, v.resourceTenant());
        assertEquals(resource, onlyEvent().resource());
    }

    @ParameterizedTest
    @CsvSource({
            "/srv/data/tenants/globex/../acme/x",
            "/srv/data/tenants/acme/sub/../x",
            "../data/tenants/acme/x",
            "/srv/data/tenants/acme/..",
            "/srv/data/tenants/globex/../../tenants",
    })
    void normalizedPathsOfTheOwnTenantOrNoTenantAreAllowed(String path) {
        state.tenant(TestThreads.KEY, "acme");

        enforcing().check(path, FileOp.READ, state);

        assertNothingRecorded();
    }

    @Test
    void aPathUnderNoRuleIsLeftUncheckedOnlyWhileItIsKnownToPassThroughNoLink(@TempDir Path root) throws Exception {
        Path tenants = Files.createDirectories(root.resolve("tenants/acme"));
        Path plain = Files.writeString(root.resolve("plain.txt"), "x");
        Path link = Files.createSymbolicLink(root.resolve("link"), tenants);
        FileAccessChecker checker = tenantFolders(root, NoTenantResponse.ALLOW);
        String own = tenants.resolve("a.txt").toString();
        String through = link.resolve("a.txt").toString();

        assertTrue(checker.coversFile(plain.toString()), "not known yet");
        checker.check(plain.toString(), FileOp.READ, state);
        assertFalse(checker.coversFile(plain.toString()), "known to lead to itself, under no rule");
        checker.check(own, FileOp.READ, state);
        assertTrue(checker.coversFile(own), "under a rule: always checked");
        checker.check(through, FileOp.READ, state);
        assertTrue(checker.coversFile(through), "through a link: never answered from the cache");

        checker.entryReplaced();
        assertTrue(checker.coversFile(plain.toString()), "a rename, copy or link ran: what was known is forgotten");
    }

    @Test
    void aPathRememberedAsOneTenantsLetsOnlyThatTenantThrough(@TempDir Path root) throws Exception {
        Path acme = Files.createDirectories(root.resolve("tenants/acme"));
        Path file = Files.writeString(acme.resolve("a.txt"), "acme's");
        FileAccessChecker checker = tenantFolders(root, NoTenantResponse.ENFORCE);
        String path = file.toString();
        String sameText = new String(path);
        state.tenant(TestThreads.KEY, "acme");
        checker.check(path, FileOp.READ, state);
        checker.check(sameText, FileOp.READ, state); // known now: answered from the cache
        assertNothingRecorded();

        state.tenant(TestThreads.KEY, "globex");
        TenantBoundaryViolation crossing = assertThrows(TenantBoundaryViolation.class,
                () -> checker.check(sameText, FileOp.READ, state));
        assertEquals("acme", crossing.resourceTenant());
        assertEquals("globex", crossing.activeTenant());
        state.tenant(TestThreads.KEY, "acm");
        assertThrows(TenantBoundaryViolation.class, () -> checker.check(path, FileOp.WRITE, state));
        state.tenant(TestThreads.KEY, null);
        TenantBoundaryViolation noTenant = assertThrows(TenantBoundaryViolation.class,
                () -> checker.check(path, FileOp.READ, state));
        assertEquals(ViolationKind.NO_TENANT, noTenant.kind());
    }

    @Test
    void anOwnPathSwappedForALinkBehindTheCheckersBackIsFoundWithinASecond(@TempDir Path root) throws Exception {
        Path acme = Files.createDirectories(root.resolve("tenants/acme/docs"));
        Path globex = Files.createDirectories(root.resolve("tenants/globex"));
        Files.writeString(globex.resolve("a.txt"), "globex's");
        Files.writeString(acme.resolve("a.txt"), "acme's");
        FileAccessChecker checker = tenantFolders(root, NoTenantResponse.ALLOW);
        state.tenant(TestThreads.KEY, "acme");
        String path = acme.resolve("a.txt").toString();
        checker.check(path, FileOp.READ, state);
        assertNothingRecorded();

        // another process swaps acme's folder for a link into globex's folder: the checker is not told
        Files.delete(acme.resolve("a.txt"));
        Files.delete(acme);
        Files.createSymbolicLink(acme, globex);
        long deadline = System.nanoTime() + 3_000_000_000L;
        long start = System.nanoTime();
        boolean blocked = false;
        while (!blocked && System.nanoTime() < deadline) {
            try {
                checker.check(path, FileOp.READ, state);
                Thread.sleep(10);
            } catch (TenantBoundaryViolation e) {
                blocked = true;
            }
        }
        long seenAfterMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(blocked, "still answered from the cache after 3 s");
        assertTrue(seenAfterMillis <= 1_500, "the cached answer outlived its second: " + seenAfterMillis + " ms");
    }

    @Test
    void aLinkMadeWhereTheAgentDidNotSeeItIsFoundWithinASecond(@TempDir Path root) throws Exception {
        Path tenants = Files.createDirectories(root.resolve("tenants/globex"));
        Files.writeString(tenants.resolve("a.txt"), "globex's");
        Path shared = Files.createDirectories(root.resolve("shared"));
        Files.writeString(shared.resolve("a.txt"), "anyone's");
        FileAccessChecker checker = tenantFolders(root, NoTenantResponse.ALLOW);
        state.tenant(TestThreads.KEY, "acme");
        String path = shared.resolve("a.txt").toString();
        checker.check(path, FileOp.READ, state);
        assertFalse(checker.coversFile(path), "known to lead to itself, under no rule");

        // another process swaps the folder for a link into globex's folder: the checker is not told
        Files.delete(shared.resolve("a.txt"));
        Files.delete(shared);
        Files.createSymbolicLink(shared, tenants);
        long deadline = System.nanoTime() + 3_000_000_000L;
        long start = System.nanoTime();
        while (!checker.coversFile(path) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long seenAfterMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(checker.coversFile(path), "still answered from the cache after 3 s");
        assertTrue(seenAfterMillis <= 1_500, "the cached answer outlived its second: " + seenAfterMillis + " ms");
        assertThrows(SecurityException.class, () -> checker.check(path, FileOp.READ, state));
    }

    @Test
    void coversDelegatesToTheRules() {
        FileAccessChecker checker = enforcing();

        assertTrue(checker.covers("/srv/data/tenants/acme"));
        assertTrue(checker.covers("/a/../b"));
        assertFalse(checker.covers("/etc/passwd"));
        assertFalse(checker.covers("/srv/data/tenants"));
    }

    @Test
    void theStackDepthLimitsTheRecordedStack() {
        state.tenant(TestThreads.KEY, "acme");
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(List.of()),
                NoTenantResponse.ENFORCE, 2);

        new FileAccessChecker(RULES, Mode.REPORT, enforcer).check("/srv/data/tenants/globex", FileOp.READ, state);

        assertEquals(2, onlyEvent().stack().size());
    }

    @Test
    void theEnforcerRecordsPrivilegedEntriesAsAudit() {
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(List.of()),
                NoTenantResponse.ENFORCE, 12);

        StackProbe.run(() -> enforcer.privileged("nightly migration", "acme"));

        ViolationEvent e = onlyEvent();
        assertEquals("PRIVILEGED", e.kind());
        assertEquals("AUDIT", e.action());
        assertTrue(e.isAudit());
        assertEquals("context", e.family());
        assertEquals("nightly migration", e.rule());
        assertEquals("acme", e.activeTenant());
        assertNull(e.resource());
        assertEquals("privileged scope entered: nightly migration", e.message());
        assertTrue(e.callSite().startsWith("com.example.stack.StackProbe.run("), e.callSite());
    }

    @Test
    void theEnforcerCalledDirectlyFollowsTheSameRules() {
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(List.of()),
                NoTenantResponse.REPORT, 12);

        assertThrows(TenantBoundaryViolation.class,
                () -> enforcer.crossing(Mode.ENFORCE, "files", "READ", "/r/b", "b", "a", "/r/{tenant}"));
        assertDoesNotThrow(() -> enforcer.crossing(Mode.ENFORCE, "files", "READ", "/r/b", "b", null, "/r/{tenant}"));
        assertDoesNotThrow(() -> enforcer.crossing(Mode.REPORT, "files", "READ", "/r/b", "b", "a", "/r/{tenant}"));

        List<String> recorded = new java.util.ArrayList<>();
        for (CollectingSink.Write write : sink.writes()) {
            recorded.add(write.event().kind() + " " + write.event().action());
        }
        assertEquals(List.of("CROSS_TENANT BLOCKED", "NO_TENANT REPORTED", "CROSS_TENANT REPORTED"), recorded);
    }
}
