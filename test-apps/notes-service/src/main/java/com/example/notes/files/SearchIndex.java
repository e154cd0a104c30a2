package com.example.notes.files;

import dev.tenantguard.api.TenantContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The word index of the tenant in context: one file per note under the tenant's {@code index/}
 * folder, the note's title on its first line, then its distinct lower-case words.
 */
public final class SearchIndex {
    private final TenantFolders folders;

    public SearchIndex(TenantFolders folders) {
        this.folders = folders;
    }

    /** (Re)indexes one note in the current tenant's index. */
    public void add(long noteId, String title, String text) throws IOException {
        Path dir = folders.index(currentTenant());
        Files.createDirectories(dir);
        TreeSet<String> words = new TreeSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        Files.writeString(dir.resolve(noteId + ".txt"), title + "\n" + String.join("\n", words) + "\n");
    }

    /** Titles of the current tenant's indexed notes that contain {@code word}, by note id. */
    public List<String> search(String word) throws IOException {
        Path dir = folders.index(currentTenant());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        String wanted = word.toLowerCase(Locale.ROOT);
        List<String> titles = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.subList(1, lines.size()).contains(wanted)) {
                titles.add(lines.get(0));
            }
        }
        return titles;
    }

    private static String currentTenant() {
        String tenant = TenantContext.current();
        if (tenant == null) {
            throw new IllegalStateException("the search index is per tenant: no tenant in context");
        }
        return tenant;
    }
}
