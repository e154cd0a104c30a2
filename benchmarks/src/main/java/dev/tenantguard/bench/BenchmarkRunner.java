package dev.tenantguard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Main class of {@code benchmarks.jar}: runs every benchmark in two arms — without the agent and
 * with {@code tenant-guard-agent.jar}, taking turns fork by fork — and reports each arm's score and its ratio to the
 * arm without the agent. Classes marked {@link NoAgentArmOnly} run in the arm without the agent only.
 *
 * <pre>
 * java -jar benchmarks.jar [--smoke | --quick] [--gc] [benchmark regex ...]
 *   -Dtg.agent.jar=...   the agent jar (default ../agent/core/target/tenant-guard-agent.jar)
 *   -Dtg.results.dir=... where JSON and Markdown go (default results, target/smoke-results for --smoke)
 * </pre>
 *
 * The forks run on the JVM that runs this class: start it with another {@code java} to measure
 * another JDK.
 */
public final class BenchmarkRunner {
    private static final String DEFAULT_AGENT_JAR = "../agent/core/target/tenant-guard-agent.jar";

    /** One JMH run: a name for the tables and files, and what its forks get on top of the rest. */
    private record Arm(String name, boolean agent, List<String> jvmArgs) {
    }

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        RunLength length = RunLength.FULL;
        boolean gc = false;
        List<String> includes = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--smoke" -> length = RunLength.SMOKE;
                case "--quick" -> length = RunLength.QUICK;
                case "--full" -> length = RunLength.FULL;
                case "--gc" -> gc = true;
                default -> {
                    if (arg.startsWith("-")) {
                        System.err.println("unknown option " + arg
                                + "; usage: java -jar benchmarks.jar [--smoke | --quick | --full] [--gc] [benchmark regex ...]");
                        System.exit(2);
                    }
                    includes.add(arg);
                }
            }
        }
        Path agentJar = agentJar();
        // Smoke numbers mean nothing: keep them out of results/, which holds the ones to quote.
        String defaultResults = length == RunLength.SMOKE ? "target/smoke-results" : "results";
        Path results = Path.of(System.getProperty("tg.results.dir", defaultResults)).toAbsolutePath().normalize();
        Files.createDirectories(results);

        Path fixture = BenchFixture.create();
        try {
            List<Arm> arms = List.of(
                    new Arm("no-agent", false, List.of()),
                    new Arm("tenant-guard", true, List.of("-javaagent:" + agentJar + "=config="
                            + fixture.resolve(BenchFixture.POLICY_FILE))));
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Map<Arm, Collection<RunResult>> byArm = runInTurns(arms, fixture, length, gc, includes);
            ResultTable table = new ResultTable();
            for (Arm arm : byArm.keySet()) {
                Path json = results.resolve(stamp + "-" + arm.name() + ".json");
                // "forks" in this JSON says 1 (each JMH run had one); its rawData holds them all.
                ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(byArm.get(arm));
                table.add(arm.name(), byArm.get(arm));
                System.out.println("# " + arm.name() + ": JMH results in " + json);
            }
            String report = header(length, gc, agentJar) + "\n" + table.toMarkdown();
            System.out.println();
            System.out.println(report);
            Files.writeString(results.resolve(stamp + ".md"), report, StandardCharsets.UTF_8);
            Files.writeString(results.resolve("latest.md"), report, StandardCharsets.UTF_8);
            System.out.println("written to " + results.resolve("latest.md"));
        } finally {
            BenchFixture.delete(fixture);
        }
    }

    /**
     * On a shared, noisy machine load comes and goes over minutes: the arms take turns, one fork
     * each, in A B B A order, so that drift hits both arms alike. The forks of each arm are then
     * merged into one result per benchmark.
     */
    private static Map<Arm, Collection<RunResult>> runInTurns(List<Arm> arms, Path fixture, RunLength length,
            boolean gc, List<String> includes) throws RunnerException {
        Map<Arm, List<RunResult>> forks = new LinkedHashMap<>();
        for (int round = 0; round < length.forks; round++) {
            List<Arm> order = new ArrayList<>(arms);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (Arm arm : order) {
                List<String> benchmarks = benchmarks(arm, includes);
                if (benchmarks.isEmpty()) {
                    continue; // e.g. only @NoAgentArmOnly benchmarks selected: nothing for the agent arm
                }
                System.out.println("# round " + (round + 1) + " of " + length.forks + ", arm " + arm.name()
                        + (arm.jvmArgs().isEmpty() ? "" : ": " + arm.jvmArgs()));
                forks.computeIfAbsent(arm, a -> new ArrayList<>()).addAll(run(arm, fixture, length, gc, benchmarks));
            }
        }
        if (forks.isEmpty()) {
            throw new RunnerException("no benchmark matches " + includes);
        }
        Map<Arm, Collection<RunResult>> merged = new LinkedHashMap<>();
        forks.forEach((arm, runs) -> merged.put(arm, mergeForks(runs)));
        return merged;
    }

    /**
     * The benchmarks (full method names) the arm runs: those the regexes select (all without
     * any), less the {@link NoAgentArmOnly} classes in the agent arm.
     */
    private static List<String> benchmarks(Arm arm, List<String> includes) {
        List<String> names = new ArrayList<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                includes.isEmpty() ? List.of(".*") : includes, List.of())) {
            if (!(arm.agent() && noAgentArmOnly(entry.getUserClassQName()))) {
                names.add(entry.getUsername());
            }
        }
        return names;
    }

    private static boolean noAgentArmOnly(String className) {
        try {
            return Class.forName(className, false, BenchmarkRunner.class.getClassLoader())
                    .isAnnotationPresent(NoAgentArmOnly.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class " + className + " is listed but not in the jar", e);
        }
    }

    /** One fork of one arm over {@code benchmarks}, full method names. */
    private static Collection<RunResult> run(Arm arm, Path fixture, RunLength length, boolean gc,
            List<String> benchmarks) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                // Fixed heap and explicit arguments: without jvmArgs JMH copies this JVM's own
                // arguments into the forks, and the two arms must differ only in -javaagent.
                .jvmArgs("-Xms512m", "-Xmx512m")
                .jvmArgsAppend(forkArgs(arm, fixture))
                // no result file: main writes one per arm, merged over the rounds
                .shouldFailOnError(true);
        // Anchored: JMH looks for each regex anywhere in the name, and one name can contain another.
        benchmarks.forEach(name -> options.include("^" + Pattern.quote(name) + "$"));
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        return new Runner(length.applyTo(options).build()).run();
    }

    /** One result per benchmark with the forks of all rounds, as if JMH had run them in one go. */
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

    private static String[] forkArgs(Arm arm, Path fixture) {
        List<String> args = new ArrayList<>(arm.jvmArgs());
        args.add("-D" + BenchFixture.DIR_PROPERTY + "=" + fixture);
        args.add("-D" + BenchFixture.AGENT_PROPERTY + "=" + arm.agent());
        return args.toArray(String[]::new);
    }

    private static Path agentJar() throws IOException {
        Path jar = Path.of(System.getProperty("tg.agent.jar", DEFAULT_AGENT_JAR)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            System.err.println("agent jar not found: " + jar + "\n"
                    + "build it first (mvn -B -DskipTests install in the repository root, or benchmarks/run.sh),"
                    + " or name it with -Dtg.agent.jar=<path>");
            System.exit(2);
        }
        return jar;
    }

    /** What a reader needs to judge the numbers: when, on which JVM, how long, which agent build. */
    private static String header(RunLength length, boolean gc, Path agentJar) throws IOException {
        return "## tenant-guard benchmarks, " + LocalDateTime.now().withNano(0) + "\n\n"
                + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs\n"
                + "- run: " + length.name().toLowerCase() + ", " + length.describe()
                + (gc ? ", -prof gc" : "") + ", mode avgt\n"
                + "- agent: " + agentJar + " (built " + Instant.ofEpochMilli(Files.getLastModifiedTime(agentJar).toMillis()) + ")\n"
                + "- ratio: arm / no-agent; errors are JMH's 99.9% intervals, combined in quadrature\n";
    }
}
