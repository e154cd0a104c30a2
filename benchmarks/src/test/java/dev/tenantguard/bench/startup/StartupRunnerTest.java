package dev.tenantguard.bench.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up harness on real process launches (no agent, to stay fast): an application that
 * runs to its exit, a service measured until it serves its first request on the port the harness
 * gave it, and an application that leaves an arm out with its reason.
 */
class StartupRunnerTest {
    private static final String CLASSES = Path.of("target/test-classes").toAbsolutePath().toString();

    @TempDir
    Path dir;

    @Test
    void measuresUntilExitAndUntilTheFirstAnsweredRequest() throws Exception {
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve("hello.properties"),
                "classpath=" + CLASSES + "\nmain=" + HelloWorldForTest.class.getName() + "\n");
        Files.writeString(apps.resolve("service.properties"), "classpath=" + CLASSES + "\nmain="
                + LoopbackServerApp.class.getName() + "\nargs={port} X-Tenant-ID\nready=^listening on\n"
                + "request=http://127.0.0.1:{port}/notes\nrequestHeaders=X-Tenant-ID: acme; X-Other: 1\n"
                + "arms=no-agent\narmsReason=not in a small heap\n");
        Path json = dir.resolve("startup.json");

        StartupRunner.run(json, 2, false, List.of(new StartupRunner.Arm("no-agent", List.of()),
                new StartupRunner.Arm("small-heap", List.of("-Xmx64m"))), apps, dir.resolve("unused-policy.yaml"));

        String written = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(written.contains("\"warmUpLaunch\": false"), written);
        assertTrue(written.contains("{\"app\": \"hello\", \"until\": \"process exit\", \"arm\": \"small-heap\""), written);
        assertTrue(written.contains("{\"app\": \"service\", \"until\": \"first served request (GET /notes)\", \"arm\": \"no-agent\""), written);
        assertTrue(written.contains("\"leftOut\": [\n    {\"app\": \"service\", \"arm\": \"small-heap\", \"reason\": \"not in a small heap\"}\n  ]"),
                written);
        Matcher samples = Pattern.compile("\"samplesMs\": \\[([0-9.]+), ([0-9.]+)\\]").matcher(written);
        int runs = 0;
        while (samples.find()) {
            runs++;
            for (int i = 1; i <= 2; i++) {
                double ms = Double.parseDouble(samples.group(i));
                assertTrue(ms > 1 && ms < 60_000, "a launch took " + ms + " ms: " + written);
            }
        }
        assertEquals(3, runs, written);
    }

    @Test
    void anAppThatNeverGetsReadyFailsTheRunWithItsOutput() throws Exception {
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve("hello.properties"), "classpath=" + CLASSES + "\nmain="
                + HelloWorldForTest.class.getName() + "\nready=^never printed\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartupRunner.run(dir.resolve("s.json"), 1,
                false, List.of(new StartupRunner.Arm("no-agent", List.of())), apps, dir.resolve("unused-policy.yaml")));
        assertTrue(e.getMessage().contains("did not reach first output line matching /^never printed/"), e.getMessage());
        assertTrue(e.getMessage().contains("hello from a test"), e.getMessage());
    }

    @Test
    void aServiceThatRefusesTheRequestFailsTheRun() throws Exception {
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve("service.properties"), "classpath=" + CLASSES + "\nmain="
                + LoopbackServerApp.class.getName() + "\nargs={port} X-Tenant-ID\nready=^listening on\n"
                + "request=http://127.0.0.1:{port}/notes\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartupRunner.run(dir.resolve("s.json"), 1,
                false, List.of(new StartupRunner.Arm("no-agent", List.of())), apps, dir.resolve("unused-policy.yaml")));
        assertTrue(e.getMessage().contains("answered 401, not 2xx"), e.getMessage());
    }

    @Test
    void armsLeftOutNeedAReason() throws Exception {
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve("hello.properties"), "classpath=" + CLASSES + "\nmain="
                + HelloWorldForTest.class.getName() + "\narms=no-agent\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartupApp.load(apps));
        assertTrue(e.getMessage().contains("arms= needs armsReason="), e.getMessage());
    }

    @Test
    void aMissingJarIsNamed() throws Exception {
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(apps.resolve("gone.properties"), "jar=" + dir.resolve("gone.jar") + "\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartupApp.load(apps));
        assertTrue(e.getMessage().contains("gone.jar does not exist"), e.getMessage());
    }
}
