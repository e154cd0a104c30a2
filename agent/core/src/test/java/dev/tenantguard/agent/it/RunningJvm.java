package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.WaitingApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WaitingApp} in a JVM of its own, started without the agent and kept running so that
 * the agent can be attached to it; commands go to its stdin, replies come from its stdout.
 */
final class RunningJvm implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;
    final long pid;

    private RunningJvm(Process process, Path stderr) throws InterruptedException {
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "waiting-app-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = next("READY ");
        this.pid = Long.parseLong(ready.substring("READY ".length()));
    }

    /** Starts the waiting application with {@code classPath} after the test classes. */
    static RunningJvm start(Path workingDirectory, List<String> classPath) throws IOException, InterruptedException {
        return start(workingDirectory, classPath, List.of());
    }

    /** As above, with JVM options ({@code -javaagent:…} for an agent there from the start). */
    static RunningJvm start(Path workingDirectory, List<String> classPath, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("tgtest.testClasses", "target/test-classes"));
        entries.addAll(classPath);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, entries));
        command.add(WaitingApp.class.getName());
        Path stderr = Files.createTempFile("waiting-app", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TENANTGUARD_"));
        return new RunningJvm(builder.start(), stderr);
    }

    /** Sends one command and returns the reply, without its {@code REPLY } prefix. */
    String send(String command) throws IOException, InterruptedException {
        stdin.write(command + "\n");
        stdin.flush();
        return next("REPLY ").substring("REPLY ".length());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Ends the application with {@code quit}; returns its exit status. */
    int quit() throws IOException, InterruptedException {
        send("quit");
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the waiting application did not end");
        return process.exitValue();
    }

    private String next(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(line, "no line starting with '" + prefix + "' from the waiting application; stderr:\n"
                    + stderrOrProblem());
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private String stderrOrProblem() {
        try {
            return stderr();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stderr);
    }

    /** Runs {@code java -jar tenant-guard-agent.jar attach <pid> <args>} and waits for it. */
    static ForkedJvm.Result attach(Path workingDirectory, long pid, String... args)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("attach", String.valueOf(pid)));
        arguments.addAll(List.of(args));
        return agentCommand(workingDirectory, List.of(), arguments);
    }

    /** Runs {@code java <jvmOptions> -jar tenant-guard-agent.jar <arguments>} and waits for it. */
    static ForkedJvm.Result agentCommand(Path workingDirectory, List<String> jvmOptions, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ForkedJvm.agentJar().toString()));
        command.addAll(arguments);
        Path out = Files.createTempFile("attach", ".out");
        Path err = Files.createTempFile("attach", ".err");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the attach command did not end: " + command);
        ForkedJvm.Result result = new ForkedJvm.Result(command, process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
