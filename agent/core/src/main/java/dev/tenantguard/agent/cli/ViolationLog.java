package dev.tenantguard.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The events of a {@code violations.jsonl} file, folded per call site.
 *
 * <p>The agent writes the first occurrence of each (kind, rule or reason, call site) at once and
 * repeats with a growing count; the last, largest count is the total. A count that does not grow
 * starts a new run of the application appended to the same file, and adds to the total. Lines
 * that cannot be read are counted and named, never fatal.
 */
final class ViolationLog {
    /** How many tenant pairs are kept per call site; more are counted in {@link Site#moreTenants}. */
    static final int MAX_TENANT_PAIRS = 16;

    final List<Site> sites;
    final List<Malformed> malformed;
    /** Occurrences of violations (not audit events), as counted by each line: (time, count added). */
    final List<Occurrence> occurrences;
    /**
     * Violations per (active tenant, resource tenant), largest first. A line carries the tenants of one
     * event and the count of all repeats since the previous line of its call site: those repeats are
     * counted for that line's tenants (exact when a call site crosses for one pair of tenants).
     */
    final Map<TenantPair, Long> pairs;
    final int lines;

    private ViolationLog(List<Site> sites, List<Malformed> malformed, List<Occurrence> occurrences,
            Map<TenantPair, Long> pairs, int lines) {
        this.sites = sites;
        this.malformed = malformed;
        this.occurrences = occurrences;
        this.pairs = pairs;
        this.lines = lines;
    }

    /** The tenant in context and the tenant owning the resource; {@link #NONE} for none. */
    record TenantPair(String active, String owner) {
        static final String NONE = "(none)";

        static TenantPair of(String active, String owner) {
            return new TenantPair(active == null ? NONE : active, owner == null ? NONE : owner);
        }
    }

    record Malformed(int line, String reason) {
    }

    record Occurrence(Instant time, long count) {
    }

    /** One distinct (kind, rule or reason, call site), with the fields of its latest line. */
    static final class Site {
        final String kind;
        final String rule;
        final String callSite;
        String action;
        String family;
        String operation;
        String resource;
        String message;
        String sql;
        String thread;
        List<String> stack = List.of();
        long count;
        long lastLineCount;
        Instant first;
        Instant last;
        final Set<String> tenants = new TreeSet<>();
        /** The same pairs as {@link #tenants}, as pairs. */
        final Set<TenantPair> tenantPairs = new LinkedHashSet<>();
        int moreTenants;
        /** This site's share of {@link ViolationLog#occurrences} and {@link ViolationLog#pairs}: the page's filters redraw from them. */
        final List<Occurrence> occurrences = new ArrayList<>();
        final Map<TenantPair, Long> pairCounts = new LinkedHashMap<>();

        Site(String kind, String rule, String callSite) {
            this.kind = kind;
            this.rule = rule;
            this.callSite = callSite;
        }

        boolean isAudit() {
            return "AUDIT".equals(action);
        }
    }

    private record Key(String kind, String rule, String callSite) {
    }

    static ViolationLog read(Path file) throws IOException {
        // decoding errors become U+FFFD: a damaged byte spoils at most one value, never the file
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    static ViolationLog read(Reader source) throws IOException {
        BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source);
        Map<Key, Site> sites = new LinkedHashMap<>();
        List<Malformed> malformed = new ArrayList<>();
        List<Occurrence> occurrences = new ArrayList<>();
        Map<TenantPair, Long> pairs = new HashMap<>();
        int number = 0;
        int lines = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            lines++;
            try {
                Line l = Line.of(JsonLine.parse(line));
                Site site = sites.computeIfAbsent(new Key(l.kind, l.rule, l.callSite),
                        k -> new Site(k.kind(), k.rule(), k.callSite()));
                long added = l.count > site.lastLineCount ? l.count - site.lastLineCount : l.count;
                site.lastLineCount = l.count;
                site.count += added;
                site.action = l.action;
                site.family = l.family;
                site.operation = l.operation;
                site.resource = l.resource;
                site.message = l.message;
                site.sql = l.sql;
                site.thread = l.thread;
                if (!l.stack.isEmpty() || site.stack.isEmpty()) {
                    site.stack = l.stack;
                }
                site.first = site.first == null || l.time.isBefore(site.first) ? l.time : site.first;
                site.last = site.last == null || l.time.isAfter(site.last) ? l.time : site.last;
                String pair = (l.activeTenant == null ? "(none)" : l.activeTenant)
                        + (l.resourceTenant == null ? "" : " -> " + l.resourceTenant);
                if (!site.tenants.contains(pair)) {
                    if (site.tenants.size() < MAX_TENANT_PAIRS) {
                        site.tenants.add(pair);
                        site.tenantPairs.add(TenantPair.of(l.activeTenant, l.resourceTenant));
                    } else {
                        site.moreTenants++;
                    }
                }
                if (!site.isAudit()) {
                    Occurrence occurrence = new Occurrence(l.time, added);
                    TenantPair tenantPair = TenantPair.of(l.activeTenant, l.resourceTenant);
                    occurrences.add(occurrence);
                    pairs.merge(tenantPair, added, Long::sum);
                    site.occurrences.add(occurrence);
                    site.pairCounts.merge(tenantPair, added, Long::sum);
                }
            } catch (IllegalArgumentException e) {
                malformed.add(new Malformed(number, e.getMessage()));
            }
        }
        List<Site> sorted = new ArrayList<>(sites.values());
        sorted.sort(Comparator.comparingLong((Site s) -> s.count).reversed()
                .thenComparing(s -> s.kind)
                .thenComparing(s -> String.valueOf(s.callSite)));
        Map<TenantPair, Long> sortedPairs = new LinkedHashMap<>();
        pairs.entrySet().stream()
                .sorted(Map.Entry.<TenantPair, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().active()).thenComparing(e -> e.getKey().owner()))
                .forEach(e -> sortedPairs.put(e.getKey(), e.getValue()));
        return new ViolationLog(Collections.unmodifiableList(sorted), Collections.unmodifiableList(malformed),
                Collections.unmodifiableList(occurrences), Collections.unmodifiableMap(sortedPairs), lines);
    }

    List<Site> violations() {
        return sites.stream().filter(s -> !s.isAudit()).toList();
    }

    List<Site> audits() {
        return sites.stream().filter(Site::isAudit).toList();
    }

    long violationCount() {
        return violations().stream().mapToLong(s -> s.count).sum();
    }

    /** Violations per kind, largest first. */
    Map<String, Long> byKind() {
        return totals(true);
    }

    /** Violations per family, largest first. */
    Map<String, Long> byFamily() {
        return totals(false);
    }

    /** Violations per action ({@code BLOCKED}, {@code REPORTED}), largest first. */
    Map<String, Long> byAction() {
        return totals(s -> String.valueOf(s.action));
    }

    private Map<String, Long> totals(boolean kind) {
        return totals(kind ? s -> s.kind : s -> String.valueOf(s.family));
    }

    private Map<String, Long> totals(java.util.function.Function<Site, String> key) {
        Map<String, Long> sums = new TreeMap<>();
        for (Site s : violations()) {
            sums.merge(key.apply(s), s.count, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The fields of one line, checked. */
    private record Line(Instant time, String kind, String family, String operation, String resource,
            String resourceTenant, String activeTenant, String rule, String action, String thread, String callSite,
            List<String> stack, String message, String sql, long count) {

        static Line of(Map<String, Object> f) {
            String time = required(f, "time");
            Instant instant;
            try {
                instant = Instant.parse(time);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad time \"" + time + "\"");
            }
            String action = required(f, "action");
            String rule = f.containsKey("rule") ? text(f, "rule") : text(f, "reason");
            return new Line(instant, required(f, "kind"), text(f, "family"), text(f, "operation"),
                    text(f, "resource"), text(f, "resourceTenant"), text(f, "activeTenant"), rule, action,
                    text(f, "thread"), text(f, "callSite"), stack(f), text(f, "message"), text(f, "sql"), count(f));
        }

        private static String required(Map<String, Object> f, String name) {
            String value = text(f, name);
            if (value == null) {
                throw new IllegalArgumentException("no \"" + name + "\"");
            }
            return value;
        }

        private static String text(Map<String, Object> f, String name) {
            Object value = f.get(name);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            throw new IllegalArgumentException("\"" + name + "\" is not a string");
        }

        @SuppressWarnings("unchecked")
        private static List<String> stack(Map<String, Object> f) {
            Object value = f.get("stack");
            if (value == null) {
                return List.of();
            }
            if (value instanceof List) {
                return (List<String>) value; // JsonLine makes only arrays of strings
            }
            throw new IllegalArgumentException("\"stack\" is not an array");
        }

        private static long count(Map<String, Object> f) {
            Object value = f.get("count");
            if (!(value instanceof BigDecimal)) {
                throw new IllegalArgumentException(value == null ? "no \"count\"" : "\"count\" is not a number");
            }
            try {
                long count = ((BigDecimal) value).longValueExact();
                if (count > 0) {
                    return count;
                }
            } catch (ArithmeticException e) {
                // below
            }
            throw new IllegalArgumentException("bad count " + value);
        }
    }
}
