package dev.tenantguard.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The smoke pass's way of running an arm: its benchmarks in one JVM started with the arm's
 * arguments (JMH without forks), where a measuring run gives each benchmark a fork of its own. The
 * JVM and its agent start once instead of once per benchmark (the OpenTelemetry agent alone takes
 * seconds to start). Every benchmark's set-up, with the checks that prove the arm, still runs under
 * the arm's arguments as a measuring fork does (JMH's JSON records them as it does a fork's), plus
 * the smoke pass's C1-only switch and two JMH switches, none of which changes what an arm does;
 * what is lost is the isolation between benchmarks, which only the numbers need.
 *
 * <p>The JVM prints JMH's output as a fork would, then its results, serialized, on one line that
 * the runner takes out of the output.
 */
final class BenchmarksInOneJvm {
    private static final String RESULTS_LINE = "# serialized results: ";

    private BenchmarksInOneJvm() {
    }

    /** Runs {@code benchmarks} (full method names) in a new JVM with {@code jvmArgs}, the arm's fork arguments. */
    static Collection<RunResult> run(List<String> jvmArgs, List<String> benchmarks) throws RunnerException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        // The SecurityManager arm's policy grants neither a write to JMH's lock file in /tmp nor the
        // launch of the java process with which JMH probes for compiler blackholes; the runner
        // that started this JVM runs no JMH meanwhile, and smoke numbers mean nothing.
        command.addAll(List.of("-Djmh.ignoreLock=true", "-Djmh.blackhole.autoDetect=false"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarksInOneJvm.class.getName()));
        command.addAll(benchmarks);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String results = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(RESULTS_LINE)) {
                        results = line.substring(RESULTS_LINE.length());
                    } else {
                        System.out.println(line);
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || results == null) {
                throw new RunnerException("the benchmark JVM ended with exit " + exit + (results == null ? " and no results" : "")
                        + ": " + command);
            }
            return deserialize(results);
        } catch (IOException | ClassNotFoundException e) {
            throw new RunnerException("running the benchmark JVM failed: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerException("interrupted", e);
        }
    }

    /** In the arm's JVM: runs the benchmarks named in {@code args} here, then prints the results line. */
    public static void main(String[] args) {
        int exit = 1;
        try {
            Collection<RunResult> results = new Runner(BenchmarkRunner.options(RunLength.SMOKE, Arrays.asList(args))
                    .forks(0).build()).run();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new ArrayList<>(results));
            }
            System.out.println(RESULTS_LINE + Base64.getEncoder().encodeToString(bytes.toByteArray()));
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        }
        // a thread a benchmark left running must not keep the JVM, and the run, waiting
        System.exit(exit);
    }

    @SuppressWarnings("unchecked")
    private static Collection<RunResult> deserialize(String base64) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return (Collection<RunResult>) in.readObject();
        }
    }
}
