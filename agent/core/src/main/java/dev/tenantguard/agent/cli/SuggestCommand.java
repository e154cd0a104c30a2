package dev.tenantguard.agent.cli;

import dev.tenantguard.agent.report.Observations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar tenant-guard-agent.jar suggest <observations.jsonl|violations.jsonl>}: prints a
 * starting policy from what a {@code report.observe: true} run saw the service do
 * ({@link PolicySuggestion}). Given the violations file, it reads the observations file beside it.
 */
public final class SuggestCommand {
    private SuggestCommand() {
    }

    /** Runs the command on its arguments (those after {@code suggest}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.print("usage: java -jar tenant-guard-agent.jar suggest <observations.jsonl|violations.jsonl>\n"
                    + "         prints a starting policy from a run with report.observe: true\n");
            return ReportCommand.USAGE;
        }
        Path file = observationsOf(Path.of(args[0]));
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("tenant-guard suggest: no such file: " + file + " (run the service with report.observe: true)");
            return ReportCommand.FAILED;
        } catch (IOException e) {
            err.println("tenant-guard suggest: cannot read " + file + ": " + e);
            return ReportCommand.FAILED;
        }
        PolicySuggestion suggestion = new PolicySuggestion();
        int malformed = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                suggestion.add(JsonLine.parse(line));
            } catch (IllegalArgumentException e) {
                malformed++;
            }
        }
        suggestion.yaml(file.toAbsolutePath().toString()).forEach(out::println);
        if (malformed > 0) {
            err.println("tenant-guard suggest: " + malformed + " unreadable lines of " + file + " left out");
        }
        if (suggestion.observations() == 0) {
            err.println("tenant-guard suggest: " + file + " holds no observation: was the tenant in context"
                    + " while the service ran (see tenant.from)?");
        }
        return ReportCommand.OK;
    }

    /** The observations file: {@code given}, or the one beside it when it is a violations file. */
    static Path observationsOf(Path given) {
        if (given.getFileName().toString().endsWith(Observations.FILE_SUFFIX)) {
            return given;
        }
        Path beside = Observations.fileFor(given.toString());
        return Files.exists(beside) ? beside : given;
    }
}
