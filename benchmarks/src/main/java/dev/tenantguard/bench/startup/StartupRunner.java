package dev.tenantguard.bench.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up cost: each application of {@code benchmarks/startup/} launched again and again with
 * each arm's JVM arguments, arms taking turns, from process start to its first work done (a ready
 * line, a first answered request, or its exit). One unmeasured launch per application and arm
 * first (disk cache, CDS archive) in a full run. Writes every sample, in milliseconds, as JSON.
 */
public final class StartupRunner {
    private static final long LAUNCH_TIMEOUT_SECONDS = 120;

    /** An arm as start-up sees it: its id and JVM arguments, {@code {policy}} standing for tenant-guard's policy. */
    public record Arm(String id, List<String> jvmArgs) {
    }

    private StartupRunner() {
    }

    /**
     * @param defaultPolicy tenant-guard's policy for applications that name none
     */
    public static void run(Path json, int launches, boolean warmUp, List<Arm> arms, Path appsDir, Path defaultPolicy)
            throws IOException, InterruptedException {
        List<StartupApp> apps = StartupApp.load(appsDir);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (StartupApp app : apps) {
            List<Arm> appArms = arms.stream().filter(a -> app.runsIn(a.id())).toList();
            System.out.println("# start-up of " + app.name() + " until " + app.until() + ": " + launches
                    + " launches per arm, arms " + appArms.stream().map(Arm::id).toList()
                    + (appArms.size() < arms.size() ? " (left out: " + app.armsReason() + ")" : ""));
            for (Arm arm : warmUp ? appArms : List.<Arm>of()) {
                launch(java, app, arm, defaultPolicy); // unmeasured
            }
            for (int i = 0; i < launches; i++) {
                List<Arm> order = new ArrayList<>(appArms);
                if (i % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Arm arm : order) {
                    samples.computeIfAbsent(app.name() + "\n" + arm.id(), k -> new ArrayList<>()).add(launch(java, app, arm, defaultPolicy));
                }
            }
        }
        Files.writeString(json, toJson(apps, arms, samples, launches, warmUp), StandardCharsets.UTF_8);
        System.out.println("# start-up samples in " + json);
    }

    /** Milliseconds from process start to the app's first work done. */
    private static double launch(String java, StartupApp app, Arm arm, Path defaultPolicy)
            throws IOException, InterruptedException {
        Path cwd = Files.createTempDirectory("tg-startup");
        try {
            String port = app.request() != null || app.args().contains("{port}") ? Integer.toString(freePort()) : "";
            List<String> command = new ArrayList<>();
            command.add(java);
            for (String arg : arm.jvmArgs()) {
                command.add(arg.replace("{policy}", (app.policy() == null ? defaultPolicy : app.policy()).toString()));
            }
            command.addAll(app.classpathOrJar());
            app.args().forEach(a -> command.add(a.replace("{port}", port)));
            ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
            long start = System.nanoTime();
            Process process = builder.start();
            killAfterTimeout(process);
            List<String> output = new ArrayList<>();
            long end = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                if (app.ready() != null) {
                    boolean ready = false;
                    for (String line; !ready && (line = out.readLine()) != null; ) {
                        output.add(line);
                        ready = app.ready().matcher(line).find();
                    }
                    if (ready && app.request() != null) {
                        try {
                            awaitAnswer(app, app.request().replace("{port}", port), process);
                        } catch (IOException e) {
                            process.destroyForcibly();
                            throw new IllegalStateException(app.name() + " in arm " + arm.id() + " did not reach "
                                    + app.until() + ": " + e.getMessage() + ": " + command + "\n" + String.join("\n", output), e);
                        }
                    }
                    if (ready) {
                        end = System.nanoTime();
                    }
                    process.destroy(); // also closes our end of its output: nothing more to read
                } else {
                    for (String line; (line = out.readLine()) != null; ) {
                        output.add(line);
                    }
                }
            }
            if (!process.waitFor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(app.name() + " in arm " + arm.id() + " did not end within "
                        + LAUNCH_TIMEOUT_SECONDS + " s: " + command);
            }
            if (app.ready() == null) {
                end = System.nanoTime();
                if (process.exitValue() != 0) {
                    end = -1;
                }
            }
            if (end < 0) {
                throw new IllegalStateException(app.name() + " in arm " + arm.id() + " did not reach " + app.until()
                        + " (exit " + process.exitValue() + "): " + command + "\n" + String.join("\n", output));
            }
            return (end - start) / 1e6;
        } finally {
            delete(cwd);
        }
    }

    /** A launch that hangs before its ready line would block the reading of its output for ever. */
    private static void killAfterTimeout(Process process) {
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the run is being stopped; the process goes with it
            }
        }, "start-up launch watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Asks until the service answers; an answer other than 2xx is a launch that failed. */
    private static void awaitAnswer(StartupApp app, String url, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LAUNCH_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            int status;
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            try {
                connection.setConnectTimeout(1000);
                app.requestHeaders().forEach(connection::setRequestProperty);
                status = connection.getResponseCode();
            } catch (IOException notYet) {
                Thread.sleep(2);
                continue;
            }
            connection.disconnect();
            if (status / 100 != 2) {
                throw new IOException(url + " answered " + status + ", not 2xx");
            }
            return;
        }
        throw new IOException("no answer from " + url);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String toJson(List<StartupApp> apps, List<Arm> arms, Map<String, List<Double>> samples, int launches,
            boolean warmUp) {
        StringBuilder json = new StringBuilder("{\n  \"launches\": " + launches + ",\n  \"warmUpLaunch\": " + warmUp
                + ",\n  \"runs\": [");
        String sep = "\n";
        for (StartupApp app : apps) {
            for (Arm arm : arms) {
                if (!app.runsIn(arm.id())) {
                    continue;
                }
                json.append(sep).append("    {\"app\": \"").append(app.name()).append("\", \"until\": \"")
                        .append(escape(app.until())).append("\", \"arm\": \"")
                        .append(arm.id()).append("\", \"samplesMs\": [");
                List<Double> values = samples.get(app.name() + "\n" + arm.id());
                for (int i = 0; i < values.size(); i++) {
                    json.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.1f", values.get(i)));
                }
                json.append("]}");
                sep = ",\n";
            }
        }
        json.append("\n  ]");
        // arms an application does not run in, with its reason: the report says so, no silent gap
        sep = "\n";
        StringBuilder leftOut = new StringBuilder();
        for (StartupApp app : apps) {
            for (Arm arm : arms) {
                if (!app.runsIn(arm.id())) {
                    leftOut.append(sep).append("    {\"app\": \"").append(app.name()).append("\", \"arm\": \"").append(arm.id())
                            .append("\", \"reason\": \"").append(escape(app.armsReason())).append("\"}");
                    sep = ",\n";
                }
            }
        }
        if (leftOut.length() > 0) {
            json.append(",\n  \"leftOut\": [").append(leftOut).append("\n  ]");
        }
        return json.append("\n}\n").toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
