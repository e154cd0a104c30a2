package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deduplication of recorded events, the final counts at exit, the summary. */
class ViolationReporterTest {

    private final CollectingSink sink = new CollectingSink();
    private final ViolationReporter reporter = CollectingSink.reporter(sink);

    @Test
    void theFirstOccurrenceIsWrittenAtOnceWithCountOne() {
        ViolationEvent event = Events.crossTenant("com.x.A.a(A.java:1)");

        reporter.record(event);

        assertEquals(1, sink.writes().size());
        assertSame(event, sink.writes().get(0).event());
        assertEquals(1, sink.writes().get(0).count());
    }

    @Test
    void repeatsWithinTheIntervalAreCountedNotWritten() {
        for (int i = 0; i < 5; i++) {
            reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        }

        assertEquals(List.of(1L), sink.counts());
        assertEquals(1, reporter.summary().size());
        assertEquals(5, reporter.summary().get(0).count());
    }

    @Test
    void flushWritesTheFinalCountOnce() {
        for (int i = 0; i < 3; i++) {
            reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        }

        reporter.flush();
        reporter.flush();

        assertEquals(List.of(1L, 3L), sink.counts());
    }

    @Test
    void flushWritesTheLatestEventOfAnEntry() {
        reporter.record(Events.violation("CROSS_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)", "/r/one"));
        ViolationEvent latest = Events.violation("CROSS_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)", "/r/two");
        reporter.record(latest);

        reporter.flush();

        assertSame(latest, sink.writes().get(1).event());
        assertEquals(2, sink.writes().get(1).count());
    }

    @Test
    void flushWritesNothingForEventsSeenOnce() {
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        reporter.record(Events.crossTenant("com.x.B.b(B.java:2)"));

        reporter.flush();

        assertEquals(List.of(1L, 1L), sink.counts());
    }

    @Test
    void flushOfAnEmptyReporterWritesNothing() {
        reporter.flush();

        assertEquals(List.of(), sink.writes());
        assertEquals(List.of(), reporter.summary());
    }

    @Test
    void repeatsAfterAFlushAreCountedFromTheFlushedCount() {
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        reporter.flush();

        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        assertEquals(List.of(1L, 2L), sink.counts(), "a repeat right after a flush waits for the interval");

        reporter.flush();
        assertEquals(List.of(1L, 2L, 3L), sink.counts());
    }

    @Test
    void aRepeatAfterTheIntervalIsWrittenWithItsCount() throws Exception {
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        assertEquals(List.of(1L), sink.counts());

        pretendTheLastWriteWasAnIntervalAgo();
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));

        assertEquals(List.of(1L, 3L), sink.counts());
        reporter.flush();
        assertEquals(List.of(1L, 3L, 4L), sink.counts());
    }

    @Test
    void theIntervalIsTenSeconds() {
        assertEquals(10_000_000_000L, ViolationReporter.REPEAT_INTERVAL_NANOS);
    }

    @Test
    void differentCallSitesAreSeparateEntries() {
        reporter.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        reporter.record(Events.crossTenant("com.x.A.a(A.java:2)"));
        reporter.record(Events.crossTenant("com.x.B.a(B.java:1)"));

        assertEquals(List.of(1L, 1L, 1L), sink.counts());
        assertEquals(3, reporter.summary().size());
    }

    @Test
    void differentKindsAreSeparateEntries() {
        reporter.record(Events.violation("CROSS_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)"));
        reporter.record(Events.violation("NO_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)"));

        assertEquals(List.of(1L, 1L), sink.counts());
        assertEquals(2, reporter.summary().size());
    }

    @Test
    void differentRulesAreSeparateEntries() {
        reporter.record(Events.violation("CROSS_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)"));
        reporter.record(Events.violation("CROSS_TENANT", "/s/{tenant}", "com.x.A.a(A.java:1)"));

        assertEquals(List.of(1L, 1L), sink.counts());
        assertEquals(2, reporter.summary().size());
    }

    @Test
    void sameKindRuleAndCallSiteIsOneEntryWhateverTheResource() {
        reporter.record(Events.violation("CROSS_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)", "/r/one"));
        reporter.record(Events.violation("CROSS_TENANT", "/r/{tenant}", "com.x.A.a(A.java:1)", "/r/two"));

        assertEquals(List.of(1L), sink.counts());
        assertEquals(1, reporter.summary().size());
    }

    @Test
    void twoStatementsThroughOneCallSiteAreSeparateEntries() {
        for (String sql : List.of("SELECT item FROM v WHERE id = ?", "UPDATE v SET item = 'x' WHERE id = ?",
                "SELECT item FROM v WHERE id = ?")) {
            reporter.record(new ViolationEvent(Events.TIME, "NOT_VERIFIED", "jdbc", "SELECT", "v", null, "acme",
                    "the view v hides the tenant", "REPORTED", "main", "com.x.A.a(A.java:1)", List.of(), "message", sql));
        }

        assertEquals(List.of(1L, 1L), sink.counts());
        assertEquals(2, reporter.summary().size());
    }

    @Test
    void nullRuleAndCallSiteAreKeysToo() {
        reporter.record(Events.violation("NO_TENANT", null, null));
        reporter.record(Events.violation("NO_TENANT", null, null));
        reporter.record(Events.violation("NO_TENANT", "/r/{tenant}", null));

        assertEquals(List.of(1L, 1L), sink.counts());
        assertEquals(2, reporter.summary().size());
    }

    @Test
    void summaryListsTheMostFrequentFirst() {
        record(2, "com.x.Two.m(Two.java:1)");
        record(5, "com.x.Five.m(Five.java:1)");
        record(1, "com.x.One.m(One.java:1)");
        record(3, "com.x.Three.m(Three.java:1)");

        List<ViolationReporter.Summary> summary = reporter.summary();

        List<Long> counts = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        for (ViolationReporter.Summary row : summary) {
            counts.add(row.count());
            sites.add(row.event().callSite());
        }
        assertEquals(List.of(5L, 3L, 2L, 1L), counts);
        assertEquals(List.of("com.x.Five.m(Five.java:1)", "com.x.Three.m(Three.java:1)", "com.x.Two.m(Two.java:1)",
                "com.x.One.m(One.java:1)"), sites);
    }

    @Test
    void summaryIsASnapshot() {
        record(1, "com.x.A.a(A.java:1)");
        List<ViolationReporter.Summary> before = reporter.summary();

        record(1, "com.x.A.a(A.java:1)");

        assertEquals(1, before.get(0).count());
        assertEquals(2, reporter.summary().get(0).count());
    }

    @Test
    void summaryListsTheTenantPairsOfAnEntrySorted() {
        String site = "com.x.A.a(A.java:1)";
        reporter.record(event("zeta", "globex", site));
        reporter.record(event("acme", "globex", site));
        reporter.record(event("acme", "globex", site));
        reporter.record(event(null, "globex", site));

        ViolationReporter.Summary row = reporter.summary().get(0);

        assertEquals(4, row.count());
        assertEquals(List.of("(none) -> globex", "acme -> globex", "zeta -> globex"), List.copyOf(row.tenants()));
    }

    @Test
    void summaryKeepsAtMostEightTenantPairsPerEntry() {
        for (int i = 0; i < 20; i++) {
            reporter.record(event("t" + i, "globex", "com.x.A.a(A.java:1)"));
        }

        ViolationReporter.Summary row = reporter.summary().get(0);

        assertEquals(20, row.count());
        assertEquals(8, row.tenants().size());
    }

    @Test
    void anEventWithoutResourceTenantListsTheActiveTenantOnly() {
        reporter.record(new ViolationEvent(Events.TIME, "PRIVILEGED", "context", "PRIVILEGED", null, null, "acme",
                "migration", "AUDIT", "main", "com.x.Job.run(Job.java:3)", List.of(), "privileged scope entered"));

        assertEquals(Set.of("acme"), reporter.summary().get(0).tenants());
    }

    private static ViolationEvent event(String active, String owner, String callSite) {
        return new ViolationEvent(Events.TIME, "CROSS_TENANT", "files", "READ",
                "/srv/t/" + owner + "/x", owner, active, "/srv/t/{tenant}/**", "BLOCKED", "main", callSite,
                List.of(callSite), "message");
    }

    @Test
    void everySinkGetsEveryWrite() {
        CollectingSink other = new CollectingSink();
        ViolationReporter both = CollectingSink.reporter(sink, other);

        both.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        both.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        both.flush();

        assertEquals(List.of(1L, 2L), sink.counts());
        assertEquals(List.of(1L, 2L), other.counts());
    }

    @Test
    void closeFlushesThenClosesEverySink() {
        CollectingSink other = new CollectingSink();
        ViolationReporter both = CollectingSink.reporter(sink, other);
        both.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        both.record(Events.crossTenant("com.x.A.a(A.java:1)"));

        both.close();

        assertEquals(List.of(1L, 2L), sink.counts());
        assertEquals(1, sink.closes());
        assertEquals(1, other.closes());
    }

    @Test
    void aReporterWithoutSinksStillCounts() {
        ViolationReporter silent = ViolationReporter.create(null, false);

        silent.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        silent.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        silent.close();

        assertEquals(2, silent.summary().get(0).count());
    }

    @Test
    void createWritesJsonl(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports/v.jsonl");
        ViolationReporter jsonl = ViolationReporter.create(file, false);

        jsonl.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        jsonl.record(Events.crossTenant("com.x.A.a(A.java:1)"));
        jsonl.close();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).endsWith("\"count\":1}"), lines.get(0));
        assertTrue(lines.get(1).endsWith("\"count\":2}"), lines.get(1));
    }

    @Test
    void concurrentFirstOccurrencesAreEachWrittenOnceWithCountOne() throws Exception {
        int threads = 8;
        int sites = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int s = 0; s < sites; s++) {
                        reporter.record(Events.crossTenant("com.x.S.m(S.java:" + s + ")"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> firstWritten = new HashSet<>();
        for (CollectingSink.Write write : sink.writes()) {
            assertEquals(1, write.count(), "the first line of " + write.event().callSite()
                    + " must carry count 1 (the log sink logs count 1 only)");
            assertTrue(firstWritten.add(write.event().callSite()), "written twice: " + write.event().callSite());
        }
        assertEquals(sites, firstWritten.size());
        for (ViolationReporter.Summary row : reporter.summary()) {
            assertEquals(threads, row.count());
        }

        reporter.flush();
        assertEquals(2 * sites, sink.writes().size());
    }

    @Test
    void aConcurrentFlushOrSummaryNeverSeesAnEntryWithoutItsEvent() throws Exception {
        int sites = ViolationReporter.MAX_ENTRIES;
        Thread recorder = new Thread(() -> {
            for (int s = 0; s < sites; s++) {
                reporter.record(Events.crossTenant("com.x.S.m(S.java:" + s + ")"));
                reporter.record(Events.crossTenant("com.x.S.m(S.java:" + s + ")"));
            }
        });
        List<String> problems = new ArrayList<>();
        recorder.start();
        while (recorder.isAlive()) {
            reporter.flush();
            for (ViolationReporter.Summary row : reporter.summary()) {
                if (row.event() == null || row.count() < 1) {
                    problems.add("summary row " + row);
                }
            }
        }
        recorder.join();
        reporter.flush();

        for (CollectingSink.Write write : sink.writes()) {
            if (write.event() == null) {
                problems.add("write of a null event with count " + write.count());
            }
        }
        assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
        assertEquals(sites, reporter.summary().size());
    }

    @Test
    void beyondTheDistinctViolationsItRemembersEachOccurrenceIsWrittenOnItsOwn() {
        for (int s = 0; s < ViolationReporter.MAX_ENTRIES; s++) {
            reporter.record(Events.crossTenant("com.x.S.m(S.java:" + s + ")"));
        }
        String further = "com.x.T.m(T.java:1)";
        reporter.record(Events.crossTenant(further));
        reporter.record(Events.crossTenant(further));
        reporter.flush();

        List<CollectingSink.Write> writes = sink.writes().stream()
                .filter(write -> write.event().callSite().equals(further)).toList();
        assertEquals(2, writes.size());
        assertEquals(List.of(1L, 1L), writes.stream().map(CollectingSink.Write::count).toList());
        assertEquals(2, reporter.untracked());
        assertEquals(ViolationReporter.MAX_ENTRIES, reporter.summary().size());
        assertEquals((long) (ViolationReporter.MAX_ENTRIES + 2), reporter.counters().byKind().get("CROSS_TENANT"));
    }

    private void record(int times, String callSite) {
        for (int i = 0; i < times; i++) {
            reporter.record(Events.crossTenant(callSite));
        }
    }

    /** Moves the time of every entry's last write back by one interval: no ten-second sleep. */
    private void pretendTheLastWriteWasAnIntervalAgo() throws Exception {
        Field entriesField = ViolationReporter.class.getDeclaredField("entries");
        entriesField.setAccessible(true);
        for (Object entry : ((Map<?, ?>) entriesField.get(reporter)).values()) {
            Field last = entry.getClass().getDeclaredField("lastWrittenNanos");
            last.setAccessible(true);
            synchronized (entry) {
                last.setLong(entry, last.getLong(entry) - ViolationReporter.REPEAT_INTERVAL_NANOS);
            }
        }
    }
}
