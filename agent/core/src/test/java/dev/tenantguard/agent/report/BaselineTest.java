package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The known call sites of {@code report.baseline}: written from a report, read at start, matched by method. */
class BaselineTest {
    @TempDir
    Path dir;

    @Test
    void writtenLinesReadBackAndMatchByKindFamilyAndMethodNotLine() throws IOException {
        List<String> lines = Baseline.lines(List.of(
                new String[] {"UNSCOPED_QUERY", "jdbc", "com.example.Repo.find(Repo.java:42)"},
                new String[] {"UNSCOPED_QUERY", "jdbc", "com.example.Repo.find(Repo.java:57)"},
                new String[] {"CROSS_TENANT", "http", "com.example.Client.call(Client.java:9)"}));
        assertEquals(List.of("CROSS_TENANT http com.example.Client.call", "UNSCOPED_QUERY jdbc com.example.Repo.find"), lines);
        List<String> file = new ArrayList<>(List.of("# a comment", ""));
        file.addAll(lines);
        Path path = Files.write(dir.resolve("baseline.txt"), file);

        Baseline baseline = Baseline.read(path);

        assertEquals(2, baseline.size());
        assertTrue(baseline.knows("UNSCOPED_QUERY", "jdbc", "com.example.Repo.find(Repo.java:99)"), "another line of a known method");
        assertTrue(baseline.knows("CROSS_TENANT", "http", "com.example.Client.call(Client.java:9)"));
        assertFalse(baseline.knows("CROSS_TENANT", "jdbc", "com.example.Repo.find(Repo.java:42)"), "another kind");
        assertFalse(baseline.knows("UNSCOPED_QUERY", "files", "com.example.Repo.find(Repo.java:42)"), "another family");
        assertFalse(baseline.knows("UNSCOPED_QUERY", "jdbc", "com.example.Repo.findAll(Repo.java:42)"), "another method");
        assertFalse(baseline.knows("UNSCOPED_QUERY", "jdbc", "com.example.Repo.fin(Repo.java:42)"), "a prefix is no match");
        assertFalse(Baseline.NONE.knows("UNSCOPED_QUERY", "jdbc", "com.example.Repo.find(Repo.java:42)"));
    }

    @Test
    void aMalformedLineIsAnErrorThatNamesIt() throws IOException {
        Path path = Files.writeString(dir.resolve("bad.txt"), "UNSCOPED_QUERY jdbc com.example.Repo.find\nnot a baseline line\n");

        IOException e = assertThrows(IOException.class, () -> Baseline.read(path));

        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
