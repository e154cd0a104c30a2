package dev.tenantguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: arguments, exit codes, the files it reads and writes. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheTableAndWritesTheHtmlPage() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("violations.jsonl"), Fixtures.JSONL);
        Path html = dir.resolve("out/deeper/report.html");

        assertEquals(0, run(jsonl.toString(), "--html", html.toString()), err());

        assertTrue(out().contains("13 violations at 4 call sites"), out());
        assertTrue(out().contains("HTML report: " + html.toAbsolutePath()), out());
        assertEquals("", err());
        Xhtml.parse(Files.readString(html));
        try (var files = Files.list(html.getParent())) {
            assertEquals(List.of(html), files.toList(), "no temporary file left");
        }
    }

    @Test
    void acceptsHtmlBeforeTheFileAndWithEquals() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("v.jsonl"), Fixtures.JSONL);

        assertEquals(0, run("--html=" + dir.resolve("a.html"), jsonl.toString()), err());
        assertTrue(Files.isRegularFile(dir.resolve("a.html")));
    }

    @Test
    void withoutHtmlWritesNoFile() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("v.jsonl"), Fixtures.JSONL);

        assertEquals(0, run(jsonl.toString()), err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(jsonl), files.toList());
        }
    }

    @Test
    void aMissingFileIsAClearErrorWithExitCode1() {
        Path missing = dir.resolve("nope.jsonl");

        assertEquals(1, run(missing.toString()));
        assertEquals("tenant-guard report: no such file: " + missing
                + " (the agent writes it where report.jsonl of the policy says)\n", err().replace("\r\n", "\n"));
        assertEquals("", out());
    }

    @Test
    void aDirectoryIsAnErrorWithExitCode1() {
        assertEquals(1, run(dir.toString()));
        assertTrue(err().contains("is a directory"), err());
    }

    @Test
    void anUnwritableHtmlFileIsAnErrorWithExitCode1() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("v.jsonl"), Fixtures.JSONL);
        Path blocker = Files.writeString(dir.resolve("file"), "x");

        assertEquals(1, run(jsonl.toString(), "--html", blocker.resolve("report.html").toString()));
        assertTrue(err().startsWith("tenant-guard report: cannot write "), err());
    }

    @Test
    void malformedLinesAreNotFatal() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("v.jsonl"), "garbage\n{\n");

        assertEquals(0, run(jsonl.toString()), err());
        assertTrue(out().contains("2 malformed lines skipped: line 1 ("), out());
    }

    @Test
    void badArgumentsPrintTheUsageWithExitCode2() {
        for (String[] args : List.of(new String[0], new String[] {"--html"}, new String[] {"a", "b"},
                new String[] {"--verbose", "a"}, new String[] {"a", "--html", "x", "--html", "y"})) {
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            assertTrue(err().contains("usage: java -jar tenant-guard-agent.jar report <violations.jsonl> [--html FILE]"),
                    err());
        }
        assertEquals("", out());
    }
}
