package dev.tenantguard.agent.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Every recorded event counted, repeats included, by kind, by family and by action, and by the three
 * together (a {@link Series} each, what metrics systems publish). Updated on the violation path only;
 * read by the JMX view and the application's metrics registry.
 */
public final class ViolationCounters {
    private final ConcurrentHashMap<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byFamily = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byAction = new ConcurrentHashMap<>();
    /** kind → family → action → series: three look-ups of the event's own strings, no key built per count. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<String, Series>>> series =
            new ConcurrentHashMap<>();
    private final List<Consumer<Series>> seriesListeners = new CopyOnWriteArrayList<>();

    /** The events of one kind, family and action; {@link #count()} only grows. */
    public record Series(String kind, String family, String action, LongAdder adder) {
        public long count() {
            return adder.sum();
        }
    }

    void count(String kind, String family, String action) {
        add(byKind, kind);
        add(byFamily, family);
        add(byAction, action);
        seriesOf(name(kind), name(family), name(action)).adder.increment();
    }

    /**
     * Calls {@code listener} with every series there is and every series added later, on the thread
     * that adds it (a violating one). A series added while this runs may be given twice.
     */
    public void eachSeries(Consumer<Series> listener) {
        seriesListeners.add(listener);
        series.values().forEach(families -> families.values().forEach(actions -> actions.values().forEach(listener)));
    }

    private Series seriesOf(String kind, String family, String action) {
        ConcurrentHashMap<String, ConcurrentHashMap<String, Series>> families = series.get(kind);
        if (families == null) {
            families = series.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
        }
        ConcurrentHashMap<String, Series> actions = families.get(family);
        if (actions == null) {
            actions = families.computeIfAbsent(family, k -> new ConcurrentHashMap<>());
        }
        Series known = actions.get(action);
        if (known != null) {
            return known;
        }
        Series created = new Series(kind, family, action, new LongAdder());
        Series first = actions.putIfAbsent(action, created);
        if (first != null) {
            return first;
        }
        for (Consumer<Series> listener : seriesListeners) {
            listener.accept(created);
        }
        return created;
    }

    private static String name(String key) {
        return key == null ? "" : key;
    }

    /** Kind ({@code CROSS_TENANT}, … {@code PRIVILEGED}) → events, sorted by kind. */
    public Map<String, Long> byKind() {
        return snapshot(byKind);
    }

    /** Family ({@code files}, {@code jdbc}, {@code http}, {@code context}) → events. */
    public Map<String, Long> byFamily() {
        return snapshot(byFamily);
    }

    /** Action ({@code BLOCKED}, {@code REPORTED}, {@code AUDIT}) → events. */
    public Map<String, Long> byAction() {
        return snapshot(byAction);
    }

    /** Events of {@code action} so far. */
    public long ofAction(String action) {
        LongAdder adder = byAction.get(action);
        return adder == null ? 0 : adder.sum();
    }

    private static void add(ConcurrentHashMap<String, LongAdder> counts, String key) {
        String name = name(key);
        LongAdder adder = counts.get(name);
        (adder != null ? adder : counts.computeIfAbsent(name, k -> new LongAdder())).increment();
    }

    private static Map<String, Long> snapshot(ConcurrentHashMap<String, LongAdder> counts) {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((key, adder) -> result.put(key, adder.sum()));
        return result;
    }
}
