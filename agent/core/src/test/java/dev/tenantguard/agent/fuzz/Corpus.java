package dev.tenantguard.agent.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fuzz test's committed corpus: inputs kept because they once found a bug or mark a case the
 * generator reaches rarely, one per line in {@code src/test/resources/fuzz/<name>.txt}; blank lines
 * and lines starting with {@code #} are comments. Read by the test in every build, before the
 * generated cases.
 */
public final class Corpus {
    private Corpus() {
    }

    public static List<String> lines(String name) {
        String resource = "/fuzz/" + name + ".txt";
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no corpus " + resource + " on the test class path");
            }
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            if (lines.isEmpty()) {
                throw new IllegalStateException("corpus " + resource + " is empty");
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
