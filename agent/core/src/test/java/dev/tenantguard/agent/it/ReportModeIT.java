package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoute;
import com.example.probe.FileRoutesApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report mode: violations are let through and recorded, deduplicated, in JSONL and the log. */
class ReportModeIT {
    private static final List<String> FIELDS = List.of("time", "kind", "family", "operation", "resource",
            "resourceTenant", "activeTenant", "rule", "action", "thread", "callSite", "stack", "count");

    @TempDir
    Path root;

    @Test
    void reportModeLetsTheCallThroughAndWritesOneCompleteJsonLine() throws Exception {
        // the file says enforce; the agent option wins
        Path policy = PolicyFiles.write(root, "enforce", "");
        Path secret = Files.writeString(root.resolve("tenants/globex/secret.txt"), "globex");

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy + ",mode=report", List.of(), Map.of(),
                FileRoutesApp.class.getName(), List.of("FILES_WRITE_STRING|acme|" + secret + "||plain"));

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("OK", result.step(0), result.toString());
        assertEquals(FileRoute.Effect.TEXT, Files.readString(secret), "report mode must let the write run");
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        assertEquals(1, lines.size(), String.join("\n", lines));
        String line = lines.get(0);
        for (String field : FIELDS) {
            assertTrue(line.contains("\"" + field + "\":"), "missing " + field + " in " + line);
        }
        assertTrue(line.contains("\"kind\":\"CROSS_TENANT\""), line);
        assertTrue(line.contains("\"family\":\"files\""), line);
        assertTrue(line.contains("\"operation\":\"WRITE\""), line);
        assertTrue(line.contains("\"resource\":\"" + secret + "\""), line);
        assertTrue(line.contains("\"resourceTenant\":\"globex\""), line);
        assertTrue(line.contains("\"activeTenant\":\"acme\""), line);
        assertTrue(line.contains("\"rule\":\"" + root + "/tenants/{tenant}/**\""), line);
        assertTrue(line.contains("\"action\":\"REPORTED\""), line);
        assertTrue(line.contains("\"thread\":\"main\""), line);
        assertTrue(line.contains("\"callSite\":\"com.example.probe.FileRoute."), line);
        assertTrue(line.contains("\"stack\":[\"sun.nio.fs.UnixFileSystemProvider.newByteChannel("), line);
        assertTrue(line.endsWith("\"count\":1}"), line);
        assertTrue(result.stderr().contains("tenant-guard CROSS_TENANT REPORTED: tenant acme tried to WRITE " + secret),
                "without SLF4J the log line goes to stderr:\n" + result.stderr());
        assertTrue(result.stderr().contains("tenant-guard: 1 violation at 1 call site"), result.stderr());
    }

    @Test
    void everyCrossingRouteRunsAndIsRecordedExactlyOnce() throws Exception {
        Path policy = PolicyFiles.write(root, "report", "");
        List<RouteFixtures.Case> cases = new ArrayList<>();
        for (FileRoute route : FileRoute.values()) {
            cases.addAll(new RouteFixtures(root).crossingCases(route));
        }

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), cases.stream().map(RouteFixtures.Case::step).toList());

        for (int i = 0; i < cases.size(); i++) {
            RouteFixtures.Case c = cases.get(i);
            assertEquals("OK", result.step(i), c + "\n" + result);
            if (c.route().effect() != FileRoute.Effect.NONE) {
                assertTrue(c.effectVisible(), "report mode must let the call run: " + c);
            }
        }
        // the final count of each distinct (kind, rule, call site) adds up to one per crossing call:
        // a route intercepted twice (nested JDK calls) or not at all would change the sum
        Map<String, Long> finalCounts = new HashMap<>();
        for (String line : Files.readAllLines(PolicyFiles.jsonl(root))) {
            if (!line.contains("\"action\":\"REPORTED\"")) {
                continue; // the audit of a privileged scope a route opens (PROC_SELF_FD_READ) is no violation
            }
            finalCounts.merge(field(line, "kind") + " " + field(line, "callSite"), count(line), Math::max);
        }
        // Files.walk is three guarded calls on the other tenant's files, each recorded: the start's
        // attributes, its listing, and its one entry's attributes (files.metadata is on by default)
        assertEquals(cases.size() + 2, finalCounts.values().stream().mapToLong(Long::longValue).sum(),
                "violations by call site: " + finalCounts);
    }

    @Test
    void theReportFileInsideATenantFolderIsNotCheckedItself() throws Exception {
        Path policy = PolicyFiles.write(root, "report", "");
        Path report = root.resolve("tenants/globex/audit/violations.jsonl");
        Files.writeString(policy, Files.readString(policy).replace(PolicyFiles.jsonl(root).toString(), report.toString()));
        Path secret = Files.writeString(root.resolve("tenants/globex/secret.txt"), "globex");

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), List.of("FILE_INPUT_STREAM|acme|" + secret + "||plain"));

        assertEquals("OK", result.step(0), result.toString());
        List<String> lines = Files.readAllLines(report);
        assertEquals(1, lines.size(), "the agent's own writes are not violations:\n" + String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"resource\":\"" + secret + "\""), lines.get(0));
    }

    private static String field(String line, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    private static long count(String line) {
        Matcher m = Pattern.compile("\"count\":(\\d+)}$").matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aHotLoopOfTheSameViolationLeavesFewLinesAndTheLastHasTheCount() throws Exception {
        Path policy = PolicyFiles.write(root, "report", "");
        Path secret = Files.writeString(root.resolve("tenants/globex/secret.txt"), "globex");

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), List.of("FILE_INPUT_STREAM|acme|" + secret + "||loop100"));

        assertEquals("OK", result.step(0), result.toString());
        List<String> lines = Files.readAllLines(PolicyFiles.jsonl(root));
        assertTrue(lines.size() >= 1 && lines.size() <= 3, "100 repeats gave " + lines.size() + " lines");
        assertTrue(lines.get(0).endsWith("\"count\":1}"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).endsWith("\"count\":100}"), String.join("\n", lines));
        assertEquals(1, result.stderr().lines().filter(l -> l.startsWith("tenant-guard CROSS_TENANT")).count(),
                "one log line per distinct violation:\n" + result.stderr());
    }

    @Test
    void theLogLineGoesThroughTheApplicationsSlf4jWhenItHasOne() throws Exception {
        Path policy = PolicyFiles.write(root, "report", "");
        Path secret = Files.writeString(root.resolve("tenants/globex/secret.txt"), "globex");
        String slf4j = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("slf4j")).collect(Collectors.joining(File.pathSeparator));
        assertTrue(slf4j.contains("slf4j-simple"), "slf4j-simple must be a test dependency: " + slf4j);

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy,
                List.of(), Map.of(), FileRoutesApp.class.getName(),
                List.of("FILE_INPUT_STREAM|acme|" + secret + "||plain"), slf4j);

        assertEquals("OK", result.step(0), result.toString());
        assertTrue(result.stderr().contains("WARN tenantguard.violations - tenant-guard CROSS_TENANT REPORTED"),
                "slf4j-simple prints level and logger name:\n" + result.stderr());
    }
}
