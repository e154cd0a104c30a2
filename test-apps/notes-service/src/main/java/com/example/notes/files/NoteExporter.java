package com.example.notes.files;

import com.example.notes.db.Note;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Exports a tenant's notes as CSV into the tenant's {@code exports/} folder. */
public final class NoteExporter {
    private final TenantFolders folders;

    /**
     * The export folder per format, created on first use.
     *
     * <p>PLANTED BUG (export to the wrong tenant's folder): the cache is keyed by format only, not by
     * (tenant, format). The first tenant to export fixes the folder, and every later export of any
     * tenant is written into that tenant's {@code exports/}.
     */
    private final Map<String, Path> exportDirs = new ConcurrentHashMap<>();

    public NoteExporter(TenantFolders folders) {
        this.folders = folders;
    }

    /** Writes {@code notes-<tenant>.csv}; returns the file written. */
    public Path exportCsv(String tenant, List<Note> notes) throws IOException {
        Path dir = exportDirs.computeIfAbsent("csv", format -> createDirectories(folders.exports(tenant)));
        Path file = dir.resolve("notes-" + tenant + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("id,title\n");
            for (Note note : notes) {
                out.write(note.id() + "," + csvField(note.title()) + "\n");
            }
        }
        return file;
    }

    /** Names of the files in the tenant's export folder. */
    public List<String> list(String tenant) throws IOException {
        Path dir = folders.exports(tenant);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
