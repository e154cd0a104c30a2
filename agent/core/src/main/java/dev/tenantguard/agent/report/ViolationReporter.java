package dev.tenantguard.agent.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records events, deduplicated: repeats of the same (kind, rule, call site) are counted, not
 * written again — the first occurrence is written at once, a repeat at most every
 * {@link #REPEAT_INTERVAL_NANOS}, and {@link #flush()} (at exit) writes the final counts.
 */
public final class ViolationReporter {
    static final long REPEAT_INTERVAL_NANOS = 10_000_000_000L;

    private final List<ReportSink> sinks;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ViolationCounters counters = new ViolationCounters();
    private final List<Consumer<ViolationEvent>> observers = new CopyOnWriteArrayList<>();

    ViolationReporter(List<ReportSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** A reporter writing JSONL to {@code jsonl} (may be null) and, if {@code log}, log lines. */
    public static ViolationReporter create(java.nio.file.Path jsonl, boolean log) {
        List<ReportSink> sinks = new ArrayList<>();
        if (jsonl != null) {
            sinks.add(new JsonlSink(jsonl, log));
        }
        if (log) {
            sinks.add(new LogSink());
        }
        return new ViolationReporter(sinks);
    }

    public void record(ViolationEvent event) {
        counters.count(event);
        for (Consumer<ViolationEvent> observer : observers) {
            observer.accept(event);
        }
        Entry entry = entries.computeIfAbsent(new Key(event.kind(), event.rule(), event.callSite()), k -> new Entry());
        // latest before the count: whoever sees a count > 0 (flush, summary) sees an event too
        entry.latest = event;
        long count = entry.count.incrementAndGet();
        if (entry.tenants.size() < Entry.MAX_TENANT_PAIRS) {
            entry.tenants.add((event.activeTenant() == null ? "(none)" : event.activeTenant())
                    + (event.resourceTenant() == null ? "" : " -> " + event.resourceTenant()));
        }
        long now = System.nanoTime();
        if (count == 1 || now - entry.lastWrittenNanos >= REPEAT_INTERVAL_NANOS) {
            write(entry, event, count, now);
        }
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

    /** Every event recorded so far, counted by kind, family and action (not deduplicated). */
    public ViolationCounters counters() {
        return counters;
    }

    /** Calls {@code observer} with every event as it is recorded (repeats too), on the thread that caused it. */
    public void observe(Consumer<ViolationEvent> observer) {
        observers.add(observer);
    }

    /** Writes the final count of every entry that has repeats not yet written. */
    public void flush() {
        for (Entry entry : entries.values()) {
            long count = entry.count.get();
            if (count > entry.written) {
                write(entry, entry.latest, count, System.nanoTime());
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
                rows.add(new Summary(entry.latest, count, new TreeSet<>(entry.tenants)));
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

    private record Key(String kind, String rule, String callSite) {
    }

    private static final class Entry {
        static final int MAX_TENANT_PAIRS = 8;
        final AtomicLong count = new AtomicLong();
        final Set<String> tenants = ConcurrentHashMap.newKeySet();
        volatile ViolationEvent latest;
        long written;
        /**
         * Starts at creation, not 0: a repeat racing the first occurrence must not be written
         * before it (that would drop the count-1 write, the only one the log sink prints).
         */
        long lastWrittenNanos = System.nanoTime();
    }
}
