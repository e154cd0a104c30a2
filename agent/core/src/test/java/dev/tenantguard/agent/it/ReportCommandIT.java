package dev.tenantguard.agent.it;

import static dev.tenantguard.agent.cli.Xhtml.el;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.probe.FileRoutesApp;
import dev.tenantguard.agent.cli.Xhtml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code java -jar tenant-guard-agent.jar report}: the real jar on a report the real agent wrote. */
class ReportCommandIT {
    @TempDir
    Path root;

    @Test
    void reportsWhatTheAgentRecordedAsATableAndAnHtmlPage() throws Exception {
        Path policy = PolicyFiles.write(root, "report", "");
        Path secret = Files.writeString(root.resolve("tenants/globex/<script>alert(1)<\\script>.txt"), "globex");
        String step = "FILES_WRITE_STRING|acme|" + secret + "||plain";
        ForkedJvm.Result app = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), List.of(step, step, step));
        assertEquals(0, app.exitCode(), app.toString());
        Path jsonl = PolicyFiles.jsonl(root);
        int written = Files.readAllLines(jsonl).size();
        Files.writeString(jsonl, "{\"time\":\"2026-11-29T08:00:00Z\",\"kind\":\"CROSS_T\n", StandardOpenOption.APPEND);
        Path html = root.resolve("out/tenant-guard-report.html");

        Result report = java(List.of("report", jsonl.toString(), "--html", html.toString()));

        assertEquals(0, report.exitCode, report.toString());
        assertTrue(report.stdout.contains("3 violations at 1 call site"), report.toString());
        assertTrue(report.stdout.contains("  by kind    CROSS_TENANT 3\n"), report.toString());
        assertTrue(report.stdout.contains("  by family  files 3\n"), report.toString());
        String row = report.stdout.lines().filter(l -> l.startsWith("  CROSS_TENANT")).findFirst()
                .orElseThrow(() -> new AssertionError("no row\n" + report));
        assertTrue(row.matches("  CROSS_TENANT  REPORTED  files   WRITE          3  acme -> globex +"
                + "com\\.example\\.probe\\.FileRoute\\..+"), row);
        assertTrue(report.stdout.contains("1 malformed line skipped: line " + (written + 1) + " ("), report.toString());
        assertTrue(report.stdout.contains("HTML report: " + html), report.toString());
        assertEquals("", report.stderr, report.toString());

        String page = Files.readString(html, StandardCharsets.UTF_8);
        Document dom = Xhtml.parse(page);
        assertEquals(List.of("3"), Xhtml.texts(dom, "//" + el("tr") + "[@class='site']/" + el("td") + "[1]"));
        assertEquals(List.of("acme -> globex"), Xhtml.texts(dom, "//" + el("ul") + "[@class='tenants']/" + el("li")));
        assertEquals(List.of("CROSS_TENANT3"), Xhtml.texts(dom, "//" + el("table") + "[@id='by-kind']/" + el("tbody")
                + "/" + el("tr")));
        assertTrue(Xhtml.texts(dom, "//" + el("tr") + "[@class='site']").get(0).contains(secret.toString()),
                "the resource, as text");
        assertEquals(2, Xhtml.select(dom, "//" + el("script")).size(), "the page's own two scripts, no other");
        assertEquals(List.of(), Xhtml.select(dom, "//" + el("script") + "[contains(., 'alert')]"));
        assertFalse(page.contains("<script>alert"), "the file name is escaped");
        // the first line and the final count may fall into one time bucket or two
        int bars = Xhtml.select(dom, "//" + el("svg") + "//" + el("rect")).size();
        assertTrue(bars == 1 || bars == 2, "bars in the chart: " + bars);
        assertEquals(1, Xhtml.select(dom, "//" + el("details")).size());
    }

    @Test
    void aMissingFileExitsWith1() throws Exception {
        Result report = java(List.of("report", root.resolve("none.jsonl").toString()));

        assertEquals(1, report.exitCode, report.toString());
        assertTrue(report.stderr.contains("no such file: " + root.resolve("none.jsonl")), report.toString());
    }

    @Test
    void noOrAnUnknownCommandPrintsTheUsageAndExitsWith2() throws Exception {
        for (List<String> args : List.of(List.<String>of(), List.of("frobnicate"), List.of("report"))) {
            Result result = java(args);

            assertEquals(2, result.exitCode, result.toString());
            assertTrue(result.stderr.contains("usage: java -jar tenant-guard-agent.jar report <violations.jsonl>"),
                    result.toString());
            assertEquals("", result.stdout, result.toString());
        }
    }

    private record Result(List<String> command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr;
        }
    }

    /** {@code java -jar <agent jar> args}: no agent, no test classes. */
    private Result java(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-jar");
        command.add(ForkedJvm.agentJar().toString());
        command.addAll(args);
        Path out = Files.createTempFile(root, "report", ".out");
        Path err = Files.createTempFile(root, "report", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TENANTGUARD_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS"));
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("java -jar did not end within 60 s: " + command);
        }
        return new Result(command, process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
