package dev.tenantguard.agent.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every recorded event counted, repeats included, by kind, by family and by action. Updated on the
 * violation path only; read by the JMX view.
 */
public final class ViolationCounters {
    private final ConcurrentHashMap<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byFamily = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byAction = new ConcurrentHashMap<>();

    void count(String kind, String family, String action) {
        add(byKind, kind);
        add(byFamily, family);
        add(byAction, action);
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
        String name = key == null ? "" : key;
        LongAdder adder = counts.get(name);
        (adder != null ? adder : counts.computeIfAbsent(name, k -> new LongAdder())).increment();
    }

    private static Map<String, Long> snapshot(ConcurrentHashMap<String, LongAdder> counts) {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((key, adder) -> result.put(key, adder.sum()));
        return result;
    }
}
