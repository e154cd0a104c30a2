package dev.tenantguard.agent.cli;

import dev.tenantguard.agent.report.Baseline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar tenant-guard-agent.jar baseline <violations.jsonl> [<baseline file>]}: writes the
 * call sites of the report's violations (not its audit events) as a baseline file, by default
 * {@code tenant-guard-baseline.txt}, for {@code report.baseline} ({@link Baseline}).
 */
public final class BaselineCommand {
    static final String DEFAULT_FILE = "tenant-guard-baseline.txt";

    private BaselineCommand() {
    }

    /** Runs the command on its arguments (those after {@code baseline}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-") || (args.length == 2 && args[1].startsWith("-"))) {
            err.print("usage: java -jar tenant-guard-agent.jar baseline <violations.jsonl> [<baseline file>]\n"
                    + "         writes the known call sites of a report to a file (default " + DEFAULT_FILE + ")"
                    + " for report.baseline\n");
            return ReportCommand.USAGE;
        }
        Path jsonl = Path.of(args[0]);
        Path target = Path.of(args.length == 2 ? args[1] : DEFAULT_FILE);
        ViolationLog log;
        try {
            log = ViolationLog.read(jsonl);
        } catch (NoSuchFileException e) {
            err.println("tenant-guard baseline: no such file: " + jsonl);
            return ReportCommand.FAILED;
        } catch (IOException e) {
            err.println("tenant-guard baseline: cannot read " + jsonl + ": " + e);
            return ReportCommand.FAILED;
        }
        List<String[]> violations = new ArrayList<>();
        for (ViolationLog.Site site : log.sites) {
            if (!site.isAudit() && site.family != null && site.callSite != null) {
                violations.add(new String[] {site.kind, site.family, site.callSite});
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# tenant-guard baseline from " + jsonl.toAbsolutePath() + ": known call sites, let through and reported");
        lines.add("# as KNOWN when report.baseline names this file; every other violation is handled as the mode says.");
        lines.addAll(Baseline.lines(violations));
        try {
            Files.write(target, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("tenant-guard baseline: cannot write " + target + ": " + e);
            return ReportCommand.FAILED;
        }
        out.println("tenant-guard baseline: " + (lines.size() - 2) + " known call sites written to " + target);
        if (!log.malformed.isEmpty()) {
            err.println("tenant-guard baseline: " + log.malformed.size() + " unreadable lines of " + jsonl + " left out");
        }
        return ReportCommand.OK;
    }
}
