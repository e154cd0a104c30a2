package dev.tenantguard.agent.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The violations a service is known to have ({@code report.baseline}): written by
 * {@code java -jar tenant-guard-agent.jar baseline <violations.jsonl>} from a report run, read at
 * start. A violation whose kind, family and call site are in it is recorded as {@code KNOWN} and let
 * through, in {@code enforce} too; every other one is handled as the mode says. That is how a service
 * switches to {@code enforce} on day one: what it already does keeps working (and keeps being
 * reported), and nothing new that crosses tenants gets through.
 *
 * <p>A call site is matched by its method, without the file and line ({@code com.x.Repo.find}, not
 * {@code com.x.Repo.find(Repo.java:42)}): editing the file must not turn a known call site into a new
 * one. One line per call site: {@code KIND family class.method}; {@code #} starts a comment.
 */
public final class Baseline {
    /** No baseline: nothing is known. */
    public static final Baseline NONE = new Baseline(Set.of());

    private final Set<String> entries;

    private Baseline(Set<String> entries) {
        this.entries = entries;
    }

    /** Reads a baseline file; a line that is not {@code KIND family site} is an error naming the line. */
    public static Baseline read(Path file) throws IOException {
        Set<String> entries = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3) {
                throw new IOException(file + " line " + (i + 1) + ": expected 'KIND family class.method', got '" + line + "'");
            }
            entries.add(entry(parts[0], parts[1], parts[2]));
        }
        return new Baseline(Set.copyOf(entries));
    }

    /** The lines of a baseline file for these (kind, family, call site) triples, sorted, one per method. */
    public static List<String> lines(Collection<String[]> violations) {
        Set<String> sorted = new TreeSet<>();
        for (String[] v : violations) {
            sorted.add(v[0] + " " + v[1] + " " + method(v[2]));
        }
        return List.copyOf(sorted);
    }

    /** Whether a violation of {@code kind} in {@code family} at {@code callSite} is known. */
    public boolean knows(String kind, String family, String callSite) {
        return !entries.isEmpty() && entries.contains(entry(kind, family, method(callSite)));
    }

    public int size() {
        return entries.size();
    }

    /** {@code com.x.Repo.find(Repo.java:42)} → {@code com.x.Repo.find}. */
    static String method(String callSite) {
        int paren = callSite.indexOf('(');
        return paren < 0 ? callSite : callSite.substring(0, paren);
    }

    private static String entry(String kind, String family, String method) {
        return kind.toUpperCase(Locale.ROOT) + ' ' + family.toLowerCase(Locale.ROOT) + ' ' + method;
    }
}
