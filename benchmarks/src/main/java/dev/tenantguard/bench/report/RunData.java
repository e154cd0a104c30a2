package dev.tenantguard.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one run wrote: its description, JMH's results of all arms, the start-up launches. */
final class RunData {
    static final String BASELINE = "no-agent";

    final Path dir;
    final Map<String, Object> run;
    /** arm id → title, in the run's order. */
    final Map<String, String> arms = new LinkedHashMap<>();
    final List<Measurement> measurements = new ArrayList<>();
    final List<StartupResult> startup = new ArrayList<>();
    /** Whether each application and arm had one unmeasured launch first; null when the JSON does not say. */
    Boolean startupWarmUp;
    /** Arms of the run an application was not launched in, with the reason its description gives. */
    final List<StartupLeftOut> startupLeftOut = new ArrayList<>();

    record StartupLeftOut(String app, String arm, String reason) {
    }

    @SuppressWarnings("unchecked")
    private RunData(Path dir, Map<String, Object> run) {
        this.dir = dir;
        this.run = run;
        ((Map<String, Object>) run.getOrDefault("arms", Map.of())).forEach((id, title) -> arms.put(id, (String) title));
    }

    @SuppressWarnings("unchecked")
    static RunData load(Path dir) throws IOException {
        RunData data = new RunData(dir, (Map<String, Object>) read(dir.resolve(ResultsReport.RUN_FILE)));
        Path jmh = dir.resolve(ResultsReport.JMH_FILE);
        if (Files.exists(jmh)) {
            for (Object entry : (List<Object>) read(jmh)) {
                data.measurements.add(Measurement.fromJmh((Map<String, Object>) entry));
            }
        }
        Path startup = dir.resolve(ResultsReport.STARTUP_FILE);
        if (Files.exists(startup)) {
            Map<String, Object> json = (Map<String, Object>) read(startup);
            data.startup.addAll(StartupResult.fromJson(json));
            data.startupWarmUp = (Boolean) json.get("warmUpLaunch");
            for (Object entry : (List<Object>) json.getOrDefault("leftOut", List.of())) {
                Map<String, Object> e = (Map<String, Object>) entry;
                data.startupLeftOut.add(new StartupLeftOut((String) e.get("app"), (String) e.get("arm"), (String) e.get("reason")));
            }
        }
        for (Measurement m : data.measurements) {
            data.arms.putIfAbsent(m.arm(), m.arm());
        }
        data.measurements.sort(Comparator.comparingInt((Measurement m) -> Operations.order(m.benchmarkClass()))
                .thenComparing(Measurement::benchmarkClass));
        return data;
    }

    private static Object read(Path file) throws IOException {
        try {
            return JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    boolean hasRunField(String name) {
        return run.get(name) != null;
    }

    String runField(String name) {
        Object value = run.get(name);
        return value == null ? "unknown" : value.toString();
    }

    Optional<Measurement> find(String benchmarkClass, String operation, String arm) {
        return measurements.stream()
                .filter(m -> m.benchmarkClass().equals(benchmarkClass) && m.operation().equals(operation) && m.arm().equals(arm))
                .findFirst();
    }

    /** The operations of a class, in the order JMH ran them. */
    List<String> operations(String benchmarkClass) {
        List<String> operations = new ArrayList<>();
        for (Measurement m : measurements) {
            if (m.benchmarkClass().equals(benchmarkClass) && !operations.contains(m.operation())) {
                operations.add(m.operation());
            }
        }
        return operations;
    }

    List<String> benchmarkClasses() {
        List<String> classes = new ArrayList<>();
        measurements.forEach(m -> {
            if (!classes.contains(m.benchmarkClass())) {
                classes.add(m.benchmarkClass());
            }
        });
        return classes;
    }

    Optional<StartupResult> startup(String app, String arm) {
        return startup.stream().filter(s -> s.app().equals(app) && s.arm().equals(arm)).findFirst();
    }

    List<String> startupApps() {
        List<String> apps = new ArrayList<>();
        startup.forEach(s -> {
            if (!apps.contains(s.app())) {
                apps.add(s.app());
            }
        });
        return apps;
    }

    /** {@code arm}'s score over the baseline's, with its 95% interval; empty without both. */
    Optional<ForkInterval.Interval> ratio(Measurement m) {
        return find(m.benchmarkClass(), m.operation(), BASELINE).filter(base -> !m.arm().equals(BASELINE))
                .map(base -> ForkInterval.ratio(base, m));
    }
}
