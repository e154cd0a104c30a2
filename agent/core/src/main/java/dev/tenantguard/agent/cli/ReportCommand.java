package dev.tenantguard.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code java -jar tenant-guard-agent.jar report <violations.jsonl> [--html FILE]}: prints the
 * violations of a JSONL report as a table and, with {@code --html}, writes them as one HTML page.
 *
 * <p>Runs without the agent: it must not touch the API or bootstrap classes.
 */
public final class ReportCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static final String USAGE_TEXT = String.join("\n",
            "usage: java -jar tenant-guard-agent.jar report <violations.jsonl> [--html FILE]",
            "         prints the violations of a JSONL report by call site; --html also writes them as a web page",
            "   or: java -jar tenant-guard-agent.jar baseline <violations.jsonl> [<baseline file>]",
            "         writes the report's call sites as known ones, for report.baseline",
            "   or: java -jar tenant-guard-agent.jar suggest <observations.jsonl|violations.jsonl>",
            "         prints a starting policy from a run with report.observe: true",
            "   or: java -jar tenant-guard-agent.jar attach <pid> [config=<policy.yaml>][,key=value...]",
            "         loads the agent into the running JVM <pid>",
            "   or: java -javaagent:tenant-guard-agent.jar[=config=<policy.yaml>] ... (the agent itself)",
            "");

    private ReportCommand() {
    }

    /** Runs the command on its arguments (those after {@code report}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path jsonl = null;
        Path html = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--html")) {
                if (i + 1 >= args.length || html != null) {
                    return usage(err, html != null ? "--html given twice" : "--html needs a file name");
                }
                html = Path.of(args[++i]);
            } else if (arg.startsWith("--html=")) {
                if (html != null) {
                    return usage(err, "--html given twice");
                }
                html = Path.of(arg.substring("--html=".length()));
            } else if (arg.startsWith("-")) {
                return usage(err, "unknown option " + arg);
            } else if (jsonl == null) {
                jsonl = Path.of(arg);
            } else {
                return usage(err, "one report file only, not also " + arg);
            }
        }
        if (jsonl == null) {
            return usage(err, "no report file given");
        }
        ViolationLog log;
        try {
            if (Files.isDirectory(jsonl)) {
                err.println("tenant-guard report: " + jsonl + " is a directory, not a JSONL report file");
                return FAILED;
            }
            log = ViolationLog.read(jsonl);
        } catch (NoSuchFileException e) {
            err.println("tenant-guard report: no such file: " + jsonl
                    + " (the agent writes it where report.jsonl of the policy says)");
            return FAILED;
        } catch (IOException e) {
            err.println("tenant-guard report: cannot read " + jsonl + ": " + e);
            return FAILED;
        }
        out.print(TextReport.render(jsonl.toString(), log));
        if (html != null) {
            try {
                Path parent = html.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Path temporary = Files.createTempFile(parent, ".tenant-guard-report", ".html.tmp");
                try {
                    Files.writeString(temporary, HtmlReport.render(jsonl.toString(), log), StandardCharsets.UTF_8);
                    Files.move(temporary, html, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException e) {
                err.println("tenant-guard report: cannot write " + html + ": " + e);
                return FAILED;
            }
            out.println("\nHTML report: " + html.toAbsolutePath());
        }
        out.flush();
        return OK;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("tenant-guard report: " + problem);
        err.print(USAGE_TEXT);
        err.flush();
        return USAGE;
    }
}
