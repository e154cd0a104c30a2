package dev.tenantguard.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.admin.AdminTask;
import com.example.stack.StackProbe;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Report mode's repeats: found by their call site before the record is built, and counted exactly.
 * This class is in an agent package, so its frames are passed over: the call site of every crossing
 * here is {@link StackProbe#run} (the line that runs the work), and {@link AdminTask} is an outer caller.
 */
class BoundaryEnforcerTest {
    private static final String RULE = "/srv/t/{tenant}/**";

    private final CollectingSink sink = new CollectingSink();
    private final ViolationReporter reporter = CollectingSink.reporter(sink);
    /** Every event built: a repeat counted from its call site alone builds none. */
    private final List<ViolationEvent> built = new ArrayList<>();

    BoundaryEnforcerTest() {
        reporter.observe(built::add);
    }

    private BoundaryEnforcer enforcer(String... exempt) {
        return new BoundaryEnforcer(reporter, new CallerPatterns(List.of(exempt)), NoTenantResponse.REPORT, 12);
    }

    private static Runnable crossing(BoundaryEnforcer enforcer, Mode mode, String active, String owner) {
        return () -> enforcer.crossing(mode, "files", "READ", "/srv/t/" + owner + "/x", owner, active, RULE);
    }

    @Test
    void repeatsAtOneCallSiteAreCountedExactlyAndBuiltOnce() {
        Runnable crossing = crossing(enforcer(), Mode.REPORT, "acme", "globex");

        for (int i = 0; i < 1_000; i++) {
            StackProbe.run(crossing);
        }

        assertEquals(1, built.size(), "only the first occurrence is built");
        assertEquals(List.of(1L), sink.counts(), "repeats within the interval are not written");
        assertEquals(1_000, reporter.summary().get(0).count());
        assertEquals(Map.of("CROSS_TENANT", 1_000L), reporter.counters().byKind());
        assertEquals(Map.of("REPORTED", 1_000L), reporter.counters().byAction());
        assertTrue(built.get(0).callSite().startsWith("com.example.stack.StackProbe.run(StackProbe.java:"),
                built.get(0).callSite());

        reporter.flush();
        assertEquals(List.of(1L, 1_000L), sink.counts(), "the final count is written at exit");
    }

    @Test
    void anotherCallSiteKindOrRuleIsAnotherEntry() {
        BoundaryEnforcer enforcer = enforcer();
        Runnable crossing = crossing(enforcer, Mode.REPORT, "acme", "globex");
        Runnable noTenant = crossing(enforcer, Mode.REPORT, null, "globex");
        Runnable otherRule = () -> enforcer.crossing(Mode.REPORT, "files", "READ", "/srv/u/globex/x", "globex", "acme",
                "/srv/u/{tenant}/**");

        for (int i = 0; i < 3; i++) {
            StackProbe.run(crossing);
            StackProbe.call(() -> {
                crossing.run();
                return null;
            });
            StackProbe.run(noTenant);
            StackProbe.run(otherRule);
        }

        assertEquals(4, reporter.summary().size(), reporter.summary().toString());
        for (ViolationReporter.Summary row : reporter.summary()) {
            assertEquals(3, row.count(), row.toString());
        }
        assertEquals(4, built.size());
        assertEquals(2, reporter.summary().stream().map(row -> row.event().callSite()).distinct().count(),
                "StackProbe.run and StackProbe.call");
    }

    @Test
    void theTenantPairsOfRepeatsAreKept() {
        BoundaryEnforcer enforcer = enforcer();

        StackProbe.run(crossing(enforcer, Mode.REPORT, "acme", "globex"));
        StackProbe.run(crossing(enforcer, Mode.REPORT, "acme", "initech"));
        StackProbe.run(crossing(enforcer, Mode.REPORT, "zeta", "globex"));
        StackProbe.run(crossing(enforcer, Mode.REPORT, "acme", "globex"));

        ViolationReporter.Summary row = reporter.summary().get(0);
        assertEquals(4, row.count());
        assertEquals(Set.of("acme -> globex", "acme -> initech", "zeta -> globex"), row.tenants());
        assertEquals(1, built.size());
    }

    @Test
    void anExemptOuterCallerIsCheckedOnEveryRepeat() {
        Runnable crossing = crossing(enforcer("com.example.probe.admin.**"), Mode.REPORT, "acme", "globex");

        StackProbe.run(crossing);
        AdminTask.run(() -> StackProbe.run(crossing));
        StackProbe.run(crossing);

        assertEquals(2, reporter.summary().get(0).count(), "the same call site under an admin task is exempt");
        assertEquals(Map.of("REPORTED", 2L), reporter.counters().byAction());
    }

    @Test
    void aFamilySwitchedToEnforceBlocksAtAKnownCallSite() {
        FamilyModes modes = new FamilyModes();
        modes.guarded("files", Mode.REPORT);
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(List.of()),
                NoTenantResponse.REPORT, 12, modes);
        Runnable crossing = crossing(enforcer, Mode.REPORT, "acme", "globex");
        StackProbe.run(crossing);
        StackProbe.run(crossing);

        modes.set("files", "enforce");
        assertThrows(TenantBoundaryViolation.class, () -> StackProbe.run(crossing));
        modes.set("files", "report");
        StackProbe.run(crossing);

        assertEquals(4, reporter.summary().get(0).count());
        assertEquals(Map.of("REPORTED", 3L, "BLOCKED", 1L), reporter.counters().byAction());
        assertEquals(List.of("REPORTED", "BLOCKED", "REPORTED"), built.stream().map(ViolationEvent::action).toList(),
                "after a blocked one, the next reported repeat is built again: the entry's last event had another action");
    }

    @Test
    void theFinalLineIsDatedAtTheLastRepeat() throws Exception {
        Runnable crossing = crossing(enforcer(), Mode.REPORT, "acme", "globex");
        StackProbe.run(crossing);
        Instant first = built.get(0).time();
        Thread.sleep(20);

        StackProbe.run(crossing);
        reporter.flush();

        Instant last = sink.writes().get(1).event().time();
        assertEquals(2, sink.writes().get(1).count());
        assertTrue(last.isAfter(first.plusMillis(10)), first + " then " + last);
    }

    @Test
    void invalidTenantsRepeatUnderTheirPatternRule() {
        BoundaryEnforcer enforcer = enforcer();

        for (int i = 0; i < 3; i++) {
            StackProbe.run(() -> enforcer.invalidTenant(Mode.REPORT, "Bad Id", "[a-z]+", null));
        }

        ViolationReporter.Summary row = reporter.summary().get(0);
        assertEquals(ViolationKind.INVALID_TENANT.name(), row.event().kind());
        assertEquals("tenant.pattern [a-z]+", row.event().rule());
        assertEquals(3, row.count());
        assertEquals(1, built.size());
    }
}
