package dev.tenantguard.bench;

import dev.tenantguard.bench.report.ResultsReport;
import dev.tenantguard.bench.startup.StartupRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Main class of {@code benchmarks.jar}: runs every benchmark in each of its {@link InArms arms} —
 * no agent, tenant-guard on its allow and deny paths, the OpenTelemetry agent, the SecurityManager —
 * in forked JVMs taking turns fork by fork, with JMH's GC profiler on every fork; then the start-up
 * launches ({@link StartupRunner}); then writes the report ({@link ResultsReport}). The smoke pass
 * runs each arm's benchmarks in one JVM instead ({@link BenchmarksInOneJvm}).
 *
 * <pre>
 * java -jar benchmarks.jar [--smoke | --quick | --full] [--no-startup] [--arms a,b] [--prof NAME[:OPTIONS]]
 *                           [--jvm-arg ARG ...] [--compare BEFORE.jar] [benchmark regex ...]
 *   --jvm-arg ARG        one more argument for every fork of every arm (repeatable), e.g. a flight
 *                        recording or -XX:-DoEscapeAnalysis, to tell where the bytes of an operation come from
 *   --compare BEFORE.jar adds the arm tg-before: the tg-enforce arm with that build of the agent, taking
 *                        turns with the others fork by fork (before and after a change, in one run)
 *   -Dtg.agent.jar=...   tenant-guard-agent.jar (default ../agent/core/target/tenant-guard-agent.jar)
 *   -Dtg.otel.jar=...    the OpenTelemetry agent (default target/otel/opentelemetry-javaagent.jar)
 *   -Dtg.results.dir=... where the run's directory goes (default results, target/smoke-results for --smoke)
 *   -Dtg.report.dir=...  where RESULTS.md and the chart go (default: . ; the run's directory for --smoke)
 * </pre>
 *
 * The forks run on the JVM that runs this class: start it with another {@code java} to measure
 * another JDK.
 */
public final class BenchmarkRunner {
    private static final String DEFAULT_AGENT_JAR = "../agent/core/target/tenant-guard-agent.jar";
    private static final String DEFAULT_OTEL_JAR = "target/otel/opentelemetry-javaagent.jar";
    /** A fixed heap for every fork, whatever the machine. */
    private static final String[] FORK_HEAP = {"-Xms512m", "-Xmx512m"};
    private static final String USAGE = "usage: java -jar benchmarks.jar [--smoke | --quick | --full] [--no-startup]"
            + " [--arms no-agent,tg-enforce,...] [--prof stack|perfasm|...] [--jvm-arg ARG] [--compare <agent jar built before>]"
            + " [benchmark regex ...]";
    /** Extra JMH profilers (--prof), on top of the GC profiler every fork has. */
    private static final List<String> profilers = new ArrayList<>();
    /**
     * Extra arguments of every fork in every arm (--jvm-arg, repeatable): a profiling flag such as a
     * flight recording, or a JIT switch such as -XX:-DoEscapeAnalysis, applied to all arms alike.
     */
    private static final List<String> extraForkArgs = new ArrayList<>();

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        RunLength length = RunLength.FULL;
        boolean startup = true;
        // tg-before needs a jar to run: only with --compare
        List<BenchArm> arms = new ArrayList<>(List.of(BenchArm.values()));
        arms.remove(BenchArm.TG_BEFORE);
        Path compareJar = null;
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--smoke" -> length = RunLength.SMOKE;
                case "--quick" -> length = RunLength.QUICK;
                case "--full" -> length = RunLength.FULL;
                case "--gc" -> { } // always on now; kept so older command lines still work
                case "--no-startup" -> startup = false;
                case "--prof" -> {
                    if (i + 1 == args.length) {
                        fail(USAGE);
                    }
                    profilers.add(args[++i]);
                }
                case "--jvm-arg" -> {
                    if (i + 1 == args.length) {
                        fail(USAGE);
                    }
                    extraForkArgs.add(args[++i]);
                }
                case "--compare" -> {
                    if (i + 1 == args.length) {
                        fail(USAGE);
                    }
                    compareJar = Path.of(args[++i]).toAbsolutePath().normalize();
                    if (!Files.isRegularFile(compareJar)) {
                        fail("not found: " + compareJar + "\n--compare names the agent jar to measure beside this one,"
                                + " e.g. one built from an earlier commit");
                    }
                }
                case "--arms" -> {
                    if (i + 1 == args.length) {
                        fail(USAGE);
                    }
                    arms = Arrays.stream(args[++i].split(",")).map(BenchArm::byId).toList();
                }
                default -> {
                    if (arg.startsWith("-")) {
                        fail("unknown option " + arg + "; " + USAGE);
                    }
                    includes.add(arg);
                }
            }
        }
        if (compareJar != null && !arms.contains(BenchArm.TG_BEFORE)) {
            arms = new ArrayList<>(arms);
            int enforce = arms.indexOf(BenchArm.TG_ENFORCE);
            arms.add(enforce < 0 ? arms.size() : enforce + 1, BenchArm.TG_BEFORE);
        }
        if (compareJar == null && arms.contains(BenchArm.TG_BEFORE)) {
            fail("the arm tg-before needs --compare <agent jar>: the build of the agent to measure beside this one");
        }
        if (length == RunLength.SMOKE && !profilers.isEmpty()) {
            fail("--prof needs the forks of --quick or --full: the smoke pass runs each arm in one JVM without forks");
        }
        Path agentJar = existingJar("tg.agent.jar", DEFAULT_AGENT_JAR,
                "build it first (benchmarks/run.sh does), or name it with -Dtg.agent.jar=<path>");
        Path otelJar = existingJar("tg.otel.jar", DEFAULT_OTEL_JAR,
                "mvn -f benchmarks/pom.xml package copies it there (benchmarks/run.sh does), or name it with -Dtg.otel.jar=<path>");
        int jdk = Runtime.version().feature();
        if (jdk >= 24 && arms.contains(BenchArm.SECURITY_MANAGER)) {
            System.out.println("# arm security-manager left out: JDK " + jdk + " has no SecurityManager (it needs 17 to 23)");
            arms = arms.stream().filter(a -> a != BenchArm.SECURITY_MANAGER).toList();
        }
        // Smoke numbers mean nothing: keep them out of results/, which holds the ones to quote.
        String defaultResults = length == RunLength.SMOKE ? "target/smoke-results" : "results";
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = Path.of(System.getProperty("tg.results.dir", defaultResults)).toAbsolutePath().normalize()
                .resolve(stamp + "-" + length.name().toLowerCase());
        Files.createDirectories(runDir);

        Path fixture = BenchFixture.create();
        try {
            Map<BenchArm, List<String>> armArgs = armArgs(arms, fixture, agentJar, compareJar, otelJar);
            Files.writeString(runDir.resolve(ResultsReport.RUN_FILE),
                    runDescription(length, arms, agentJar, compareJar, otelJar, includes), StandardCharsets.UTF_8);
            Collection<RunResult> results = runInTurns(armArgs, fixture, length,
                    length == RunLength.SMOKE && includes.isEmpty(), includes);
            Path json = runDir.resolve(ResultsReport.JMH_FILE);
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
            System.out.println("# JMH results of all arms in " + json);
            if (startup) {
                StartupRunner.run(runDir.resolve(ResultsReport.STARTUP_FILE), length.startupLaunches,
                        length == RunLength.FULL,
                        startupArms(arms, fixture, agentJar, compareJar, otelJar, length.extraJvmArgs), Path.of("startup"),
                        fixture.resolve(BenchFixture.POLICY_FILE));
            }
        } finally {
            BenchFixture.delete(fixture);
        }
        Path reportDir = Path.of(System.getProperty("tg.report.dir", length == RunLength.SMOKE ? runDir.toString() : "."));
        ResultsReport.write(runDir, reportDir);
    }

    /** What each arm's forks get on top of the rest; the arm's id is among them, for the JSON. */
    private static Map<BenchArm, List<String>> armArgs(List<BenchArm> arms, Path fixture, Path agentJar, Path compareJar,
            Path otelJar) {
        String policy = fixture.resolve(BenchFixture.POLICY_FILE).toString();
        // before and after under one policy: the one an earlier build accepts (files, JDBC, HTTP)
        String compared = compareJar == null ? policy : fixture.resolve(BenchFixture.CORE_POLICY_FILE).toString();
        Map<BenchArm, List<String>> byArm = new LinkedHashMap<>();
        for (BenchArm arm : arms) {
            List<String> args = switch (arm) {
                case NO_AGENT -> List.of();
                case TG_ENFORCE -> List.of("-javaagent:" + agentJar + "=config=" + compared);
                case TG_BEFORE -> List.of("-javaagent:" + compareJar + "=config=" + compared);
                case TG_REPORT -> List.of("-javaagent:" + agentJar + "=config=" + policy + ",mode=report");
                case OTEL -> List.of("-javaagent:" + otelJar, "-Dotel.traces.exporter=none",
                        "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none");
                case SECURITY_MANAGER -> List.of("-Djava.security.manager",
                        "-Djava.security.policy=" + fixture.resolve(BenchFixture.SECURITY_POLICY_FILE));
            };
            byArm.put(arm, args);
        }
        return byArm;
    }

    /**
     * The arms of the start-up measurement: the report arm starts as the enforce arm does, so it
     * is left out. tenant-guard gets each application's own policy. {@code extraJvmArgs} go first.
     */
    private static List<StartupRunner.Arm> startupArms(List<BenchArm> arms, Path fixture, Path agentJar,
            Path compareJar, Path otelJar, List<String> extraJvmArgs) throws IOException {
        Path securityPolicy = fixture.resolve("startup-security.policy");
        Files.writeString(securityPolicy, SecurityPolicy.forStartup(), StandardCharsets.UTF_8);
        List<StartupRunner.Arm> startupArms = new ArrayList<>();
        for (BenchArm arm : arms) {
            List<String> args = switch (arm) {
                case NO_AGENT -> List.of();
                case TG_ENFORCE -> List.of("-javaagent:" + agentJar + "=config={policy}");
                case TG_BEFORE -> List.of("-javaagent:" + compareJar + "=config={policy}");
                case TG_REPORT -> null;
                case OTEL -> armArgs(List.of(arm), fixture, agentJar, compareJar, otelJar).get(arm);
                case SECURITY_MANAGER -> List.of("-Djava.security.manager", "-Djava.security.policy=" + securityPolicy);
            };
            if (args != null) {
                List<String> all = new ArrayList<>(extraJvmArgs);
                all.addAll(args);
                startupArms.add(new StartupRunner.Arm(arm.id, all));
            }
        }
        return startupArms;
    }

    /**
     * On a shared, noisy machine load comes and goes over minutes: the arms take turns, one fork
     * each, in an order reversed every other round, so that drift hits all arms alike. The forks
     * of each arm are then merged into one result per benchmark.
     */
    private static Collection<RunResult> runInTurns(Map<BenchArm, List<String>> armArgs, Path fixture,
            RunLength length, boolean onePerClass, List<String> includes) throws RunnerException {
        Map<BenchArm, List<RunResult>> forks = new LinkedHashMap<>();
        for (int round = 0; round < length.forks; round++) {
            List<BenchArm> order = new ArrayList<>(armArgs.keySet());
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (BenchArm arm : order) {
                List<String> benchmarks = benchmarks(arm, includes, onePerClass);
                if (benchmarks.isEmpty()) {
                    continue;
                }
                if (round == 0 && benchmarks.stream().anyMatch(b -> b.contains(PostgresSelectBenchmark.class.getSimpleName()))) {
                    requirePostgres();
                }
                System.out.println("# round " + (round + 1) + " of " + length.forks + ", arm " + arm.id + " ("
                        + arm.title + ")" + (armArgs.get(arm).isEmpty() ? "" : ": " + armArgs.get(arm)));
                forks.computeIfAbsent(arm, a -> new ArrayList<>())
                        .addAll(run(arm, armArgs.get(arm), fixture, length, benchmarks));
            }
        }
        if (forks.isEmpty()) {
            throw new RunnerException("no benchmark matches " + includes);
        }
        List<RunResult> merged = new ArrayList<>();
        forks.values().forEach(runs -> merged.addAll(mergeForks(runs)));
        return merged;
    }

    /** Fails before any fork starts, with what to do, rather than in the middle of a run. */
    private static void requirePostgres() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
        } catch (IOException e) {
            fail("PostgreSQL is not reachable on 127.0.0.1:5432 (" + e.getMessage() + "): "
                    + PostgresSelectBenchmark.class.getSimpleName() + " needs it (trust authentication, database test)."
                    + " Start it, or select the other benchmarks with a regex, e.g. '^(?!.*Postgres).*'");
        }
    }

    /**
     * The benchmarks (full method names) the arm runs: those the regexes select that run in this
     * arm; with {@code onePerClass} (the smoke pass) only the first of each class: every class's
     * setup, which holds the checks that prove the arm, runs once per arm.
     */
    private static List<String> benchmarks(BenchArm arm, List<String> includes, boolean onePerClass) {
        List<String> names = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                includes.isEmpty() ? List.of(".*") : includes, List.of())) {
            String benchmarkClass = entry.getUserClassQName();
            if (!runsIn(benchmarkClass, arm) || names.contains(entry.getUsername())
                    || (onePerClass && classes.contains(benchmarkClass))) {
                continue;
            }
            names.add(entry.getUsername());
            classes.add(benchmarkClass);
        }
        return names;
    }

    private static boolean runsIn(String className, BenchArm arm) {
        try {
            InArms arms = Class.forName(className, false, BenchmarkRunner.class.getClassLoader()).getAnnotation(InArms.class);
            if (arms == null) {
                throw new IllegalStateException("benchmark class " + className + " has no @InArms: say where it runs");
            }
            return Arrays.asList(arms.value()).contains(arm.runsAs());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class " + className + " is listed but not in the jar", e);
        }
    }

    /**
     * One fork of one arm over {@code benchmarks}, full method names. The smoke pass runs them in
     * one JVM ({@link BenchmarksInOneJvm}), except in the report arm, which needs one per class: the
     * reporter writes a crossing once per call site and JVM, and the JDBC classes' checks cross at
     * the same call site ({@link TenantOrders}), so the second class's check would find no new line.
     */
    private static Collection<RunResult> run(BenchArm arm, List<String> armArgs, Path fixture, RunLength length,
            List<String> benchmarks) throws RunnerException {
        List<String> forkArgs = new ArrayList<>(List.of(FORK_HEAP));
        forkArgs.addAll(length.extraJvmArgs);
        forkArgs.addAll(armArgs);
        forkArgs.addAll(extraForkArgs);
        forkArgs.add("-D" + BenchArm.PROPERTY + "=" + arm.id);
        forkArgs.add("-D" + BenchFixture.DIR_PROPERTY + "=" + fixture);
        if (length == RunLength.SMOKE) {
            if (arm != BenchArm.TG_REPORT) {
                return BenchmarksInOneJvm.run(forkArgs, benchmarks);
            }
            Map<String, List<String>> byClass = new LinkedHashMap<>();
            benchmarks.forEach(b -> byClass.computeIfAbsent(b.substring(0, b.lastIndexOf('.')), c -> new ArrayList<>()).add(b));
            List<RunResult> results = new ArrayList<>();
            for (List<String> ofClass : byClass.values()) {
                results.addAll(BenchmarksInOneJvm.run(forkArgs, ofClass));
            }
            return results;
        }
        ChainedOptionsBuilder options = options(length, benchmarks)
                // Explicit arguments: without jvmArgs JMH copies this JVM's own arguments into the
                // forks, and the arms must differ only in their own arguments.
                .jvmArgs(forkArgs.toArray(String[]::new));
        profilers.forEach(profiler -> {
            int colon = profiler.indexOf(':');
            if (colon < 0) {
                options.addProfiler(profiler);
            } else {
                options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
            }
        });
        return new Runner(options.build()).run();
    }

    /** What every run of {@code benchmarks} (full method names) gets, forked or not. */
    static ChainedOptionsBuilder options(RunLength length, List<String> benchmarks) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        // Anchored: JMH looks for each regex anywhere in the name, and one name can contain another.
        benchmarks.forEach(name -> options.include("^" + Pattern.quote(name) + "$"));
        if (length == RunLength.SMOKE) {
            options.param("rules", "100"); // PathCheckBenchmark: one fork, the larger rule set
        }
        return length.applyTo(options);
    }

    /** One result per benchmark (and parameters) with the forks of all rounds, as if JMH had run them in one go. */
    private static Collection<RunResult> mergeForks(List<RunResult> runs) {
        Map<String, List<RunResult>> byBenchmark = new LinkedHashMap<>();
        runs.forEach(r -> byBenchmark.computeIfAbsent(r.getParams().id(), id -> new ArrayList<>()).add(r));
        List<RunResult> merged = new ArrayList<>();
        for (List<RunResult> same : byBenchmark.values()) {
            List<BenchmarkResult> allForks = new ArrayList<>();
            same.forEach(r -> allForks.addAll(r.getBenchmarkResults()));
            merged.add(new RunResult(same.get(0).getParams(), allForks));
        }
        return merged;
    }

    private static Path existingJar(String property, String defaultPath, String fix) {
        Path jar = Path.of(System.getProperty(property, defaultPath)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("not found: " + jar + "\n" + fix);
        }
        return jar;
    }

    /**
     * What a reader needs to judge the numbers and JMH's JSON does not hold: when, how many CPUs,
     * how long, which builds of the agents. Written as JSON beside the JMH JSON.
     */
    private static String runDescription(RunLength length, List<BenchArm> arms, Path agentJar, Path compareJar,
            Path otelJar, List<String> includes) throws IOException {
        Map<String, String> armTitles = new LinkedHashMap<>();
        arms.forEach(a -> armTitles.put(a.id, a.title));
        StringBuilder json = new StringBuilder("{\n");
        field(json, "date", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        field(json, "length", length.name().toLowerCase());
        field(json, "lengthDescription", length.describe());
        field(json, "cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        field(json, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        field(json, "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        field(json, "tenantGuardAgent", agentJar.getFileName() + " built "
                + Instant.ofEpochMilli(Files.getLastModifiedTime(agentJar).toMillis()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        if (compareJar != null) {
            field(json, "tenantGuardAgentBefore", compareJar + " built "
                    + Instant.ofEpochMilli(Files.getLastModifiedTime(compareJar).toMillis())
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        field(json, "commit", commit());
        field(json, "benchmarks", includes.isEmpty() ? "all" : String.join(" ", includes));
        field(json, "otelAgentVersion", implementationVersion(otelJar));
        json.append("  \"arms\": {");
        String sep = "";
        for (Map.Entry<String, String> arm : armTitles.entrySet()) {
            json.append(sep).append('"').append(arm.getKey()).append("\": \"").append(arm.getValue()).append('"');
            sep = ", ";
        }
        return json.append("}\n}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append("  \"").append(name).append("\": \"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
    }

    /**
     * The commit the measured agent was built from (the benchmarks run from the checkout that built it),
     * saying so when the agent's or the benchmarks' main sources differ from it (their tests are not measured).
     */
    private static String commit() {
        String head = git("rev-parse", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown (not run from a git checkout)";
        }
        String changed = git("status", "--porcelain", "--", "../agent/api/src/main", "../agent/core/src/main", "src/main");
        return changed == null ? head + " (whether the sources differ from it is unknown)"
                : changed.isEmpty() ? head : head + " with uncommitted changes to the agent's or the benchmarks' sources";
    }

    /** The output of a git command in this folder, {@code null} when it fails. */
    private static String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String implementationVersion(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String version = file.getManifest().getMainAttributes().getValue("Implementation-Version");
            return version == null ? "unknown" : version;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
