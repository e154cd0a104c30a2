package dev.tenantguard.agent.report;

import dev.tenantguard.agent.config.OtelReporting;
import dev.tenantguard.agent.config.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records events, deduplicated: repeats of the same (kind, rule, call site, and a JDBC violation's
 * statement) are counted, not written again — the first occurrence is written at once, a repeat at most every
 * {@link #REPEAT_INTERVAL_NANOS}, and {@link #flush()} (at exit) writes the final counts.
 *
 * <p>A repeat is found before its event is built when the caller knows its {@link CallSite}:
 * {@link #recordRepeat} counts it from the key alone, and only a new violation (or a repeat whose
 * write is due) is built and passed to {@link #record(ViolationEvent, CallSite)}.
 */
public final class ViolationReporter {
    static final long REPEAT_INTERVAL_NANOS = 10_000_000_000L;
    /** Call-site keys remembered; beyond this, violations at further sites are built every time (still counted). */
    static final int MAX_SITES = 4096;
    /**
     * Distinct violations (kind, rule, call site) remembered with their counts; beyond this, each
     * further occurrence of one not remembered is written on its own, with count 1, and counted in
     * {@link #counters()} and {@link #untracked()}: the heap stays bounded whatever the application does.
     */
    static final int MAX_ENTRIES = 10_000;

    private final List<ReportSink> sinks;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CallSite, Entry> bySite = new ConcurrentHashMap<>();
    private final ViolationCounters counters = new ViolationCounters();
    private final LongAdder untracked = new LongAdder();
    private final List<Consumer<ViolationEvent>> observers = new CopyOnWriteArrayList<>();
    private final List<RepeatObserver> repeatObservers = new CopyOnWriteArrayList<>();

    /** Told of a repeat counted without its own event. */
    interface RepeatObserver {
        /** {@code repeated}: the event this occurrence repeats; the tenants are this occurrence's. */
        void repeated(ViolationEvent repeated, String activeTenant, String resourceTenant);
    }

    ViolationReporter(List<ReportSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /**
     * A reporter writing JSONL to {@code jsonl} (may be null) and, if {@code log}, log lines. The
     * relative path {@code stdout} ({@link Policy#JSONL_STDOUT}; the policy makes every file path
     * absolute) writes the lines to the process's standard output.
     */
    public static ViolationReporter create(java.nio.file.Path jsonl, boolean log) {
        return create(jsonl, log, OtelReporting.OFF);
    }

    /** As above, and to the application's OpenTelemetry unless {@code otel} is {@code off}. */
    public static ViolationReporter create(java.nio.file.Path jsonl, boolean log, OtelReporting otel) {
        List<ReportSink> sinks = new ArrayList<>();
        if (jsonl != null && !jsonl.isAbsolute() && jsonl.toString().equals(Policy.JSONL_STDOUT)) {
            sinks.add(new StdoutSink(System.out));
        } else if (jsonl != null) {
            sinks.add(new JsonlSink(jsonl, log));
        }
        if (log) {
            sinks.add(new LogSink());
        }
        OpenTelemetrySink openTelemetry = null;
        if (otel != OtelReporting.OFF) {
            openTelemetry = new OpenTelemetrySink(otel == OtelReporting.ON);
            sinks.add(openTelemetry);
        }
        ViolationReporter reporter = new ViolationReporter(sinks);
        if (openTelemetry != null) {
            // every occurrence, on the thread that crossed: a trace shows each request's crossing
            reporter.observe(openTelemetry);
            reporter.observeRepeats(openTelemetry);
        }
        return reporter;
    }

    public void record(ViolationEvent event) {
        record(event, null);
    }

    /**
     * Records {@code event}, and remembers that later violations at {@code site} (may be null) are
     * repeats of it, for {@link #recordRepeat}.
     */
    public void record(ViolationEvent event, CallSite site) {
        record(event, site, event.sql());
    }

    /**
     * As above, the repeats of a JDBC violation told apart by {@code statementKey} (the statement's shape)
     * rather than by the event's text.
     */
    public void record(ViolationEvent event, CallSite site, String statementKey) {
        counters.count(event.kind(), event.family(), event.action());
        for (Consumer<ViolationEvent> observer : observers) {
            observer.accept(event);
        }
        Key key = new Key(event.kind(), event.rule(), event.callSite(), statementKey);
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= MAX_ENTRIES) {
                untracked.increment();
                write(new Entry(), event, 1, System.nanoTime());
                return;
            }
            entry = entries.computeIfAbsent(key, k -> new Entry());
        }
        // latest before the count: whoever sees a count > 0 (flush, summary) sees an event too
        entry.latest = event;
        entry.lastSeenMillis = event.time().toEpochMilli();
        long count = entry.count.incrementAndGet();
        entry.addTenants(event.activeTenant(), event.resourceTenant());
        long now = System.nanoTime();
        if (count == 1 || now - entry.lastWrittenNanos >= REPEAT_INTERVAL_NANOS) {
            write(entry, event, count, now);
        }
        if (site != null && bySite.size() < MAX_SITES) {
            bySite.putIfAbsent(site, entry);
        }
    }

    /**
     * Counts a repeat of a violation already recorded at {@code site}, without its event: no stack is
     * copied, no string built. Returns {@code false}, counting nothing, when the caller must build the
     * event and {@link #record(ViolationEvent, CallSite) record} it: the site is new, its last event
     * had another action (the family's mode was switched), or the entry is due to be written again.
     * Observers are not called for a repeat counted here.
     */
    public boolean recordRepeat(CallSite site, String family, String action, String activeTenant,
            String resourceTenant) {
        Entry entry = bySite.get(site);
        if (entry == null) {
            return false;
        }
        ViolationEvent latest = entry.latest;
        if (latest == null || !action.equals(latest.action())
                || System.nanoTime() - entry.lastWrittenNanos >= REPEAT_INTERVAL_NANOS) {
            return false;
        }
        counters.count(latest.kind(), family, action);
        entry.lastSeenMillis = System.currentTimeMillis();
        entry.addTenants(activeTenant, resourceTenant);
        entry.count.incrementAndGet();
        for (RepeatObserver observer : repeatObservers) {
            observer.repeated(latest, activeTenant, resourceTenant);
        }
        return true;
    }

    private void write(Entry entry, ViolationEvent event, long count, long now) {
        synchronized (entry) {
            if (count <= entry.written) {
                return;
            }
            entry.written = count;
            entry.lastWrittenNanos = now;
            for (ReportSink sink : sinks) {
                sink.write(event, count);
            }
        }
    }

    /**
     * Occurrences of distinct violations beyond {@link #MAX_ENTRIES}: written each on its own, not in
     * {@link #summary()}.
     */
    public long untracked() {
        return untracked.sum();
    }

    /** Every event recorded so far, counted by kind, family and action (not deduplicated). */
    public ViolationCounters counters() {
        return counters;
    }

    /**
     * Calls {@code observer} with every event as it is recorded, on the thread that caused it: each new
     * violation, and a repeat when its event is built (at most once per {@link #REPEAT_INTERVAL_NANOS} at
     * one call site in report mode, every time when blocked). The {@link #counters()} count every repeat.
     */
    public void observe(Consumer<ViolationEvent> observer) {
        observers.add(observer);
    }

    /**
     * Calls {@code observer} for each repeat counted without its event ({@link #recordRepeat}), on the
     * thread that caused it.
     */
    void observeRepeats(RepeatObserver observer) {
        repeatObservers.add(observer);
    }

    /** Writes the final count of every entry that has repeats not yet written. */
    public void flush() {
        for (Entry entry : entries.values()) {
            long count = entry.count.get();
            if (count > entry.written) {
                write(entry, entry.lastSeen(), count, System.nanoTime());
            }
        }
    }

    public void close() {
        flush();
        for (ReportSink sink : sinks) {
            sink.close();
        }
    }

    /** Counts per distinct event so far, most frequent first. */
    public List<Summary> summary() {
        List<Summary> rows = new ArrayList<>();
        for (Entry entry : entries.values()) {
            long count = entry.count.get();
            if (count > 0) { // else the entry is being created by another thread: no event yet
                rows.add(new Summary(entry.latest, count, entry.tenants()));
            }
        }
        rows.sort(Comparator.comparingLong(Summary::count).reversed());
        return rows;
    }

    /**
     * One distinct event, how many times it happened, and the tenant pairs involved
     * ({@code active -> owner}, at most {@link Entry#MAX_TENANT_PAIRS}).
     */
    public record Summary(ViolationEvent event, long count, Set<String> tenants) {
    }

    /**
     * As {@link CallSite}'s key: two statements run through one line are two violations, each with its SQL;
     * {@code statement} is the statement's shape, so texts that differ only in inlined values are one.
     */
    private record Key(String kind, String rule, String callSite, String statement) {
    }

    private static final class Entry {
        static final int MAX_TENANT_PAIRS = 8;
        final AtomicLong count = new AtomicLong();
        /** Active and resource tenant of each pair seen, at most {@link #MAX_TENANT_PAIRS}; replaced, never changed. */
        private volatile String[][] pairs = new String[0][];
        volatile ViolationEvent latest;
        /** When the last occurrence happened, repeats counted by {@link #recordRepeat} included. */
        volatile long lastSeenMillis;
        long written;
        /**
         * Starts at creation, not 0: a repeat racing the first occurrence must not be written
         * before it (that would drop the count-1 write, the only one the log sink prints).
         */
        volatile long lastWrittenNanos = System.nanoTime();

        /** Adds a tenant pair unless known or the set is full: compares, builds no string. */
        void addTenants(String active, String owner) {
            String[][] known = pairs;
            if (known.length >= MAX_TENANT_PAIRS || contains(known, active, owner)) {
                return;
            }
            synchronized (this) {
                known = pairs;
                if (known.length < MAX_TENANT_PAIRS && !contains(known, active, owner)) {
                    String[][] more = Arrays.copyOf(known, known.length + 1);
                    more[known.length] = new String[] {active, owner};
                    pairs = more;
                }
            }
        }

        private static boolean contains(String[][] known, String active, String owner) {
            for (String[] pair : known) {
                if (Objects.equals(pair[0], active) && Objects.equals(pair[1], owner)) {
                    return true;
                }
            }
            return false;
        }

        /** The tenant pairs as {@code active -> owner}, {@code (none)} for no active tenant. */
        Set<String> tenants() {
            Set<String> tenants = new TreeSet<>();
            for (String[] pair : pairs) {
                tenants.add((pair[0] == null ? "(none)" : pair[0]) + (pair[1] == null ? "" : " -> " + pair[1]));
            }
            return tenants;
        }

        /** The latest event, dated at the last occurrence when repeats were counted since it was built. */
        ViolationEvent lastSeen() {
            ViolationEvent e = latest;
            long seen = lastSeenMillis;
            if (seen <= e.time().toEpochMilli()) {
                return e;
            }
            return new ViolationEvent(Instant.ofEpochMilli(seen), e.kind(), e.family(), e.operation(), e.resource(),
                    e.resourceTenant(), e.activeTenant(), e.rule(), e.action(), e.thread(), e.callSite(), e.stack(),
                    e.message(), e.sql());
        }
    }
}
