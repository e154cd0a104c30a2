package com.example.notes.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes old exports from every tenant's {@code exports/} folder: run nightly by the service, and
 * on demand from the operators' endpoint.
 *
 * <p>PLANTED BUG (job without a tenant): it runs on the scheduler's thread, or an operator's request,
 * with no tenant in context, and walks every tenant's folder anyway. Each tenant's part should run
 * as that tenant ({@code TenantContext.run(tenant, …)}), or the whole job in a privileged scope if
 * it truly is an operator's job.
 */
public final class ExportRetention {
    private final TenantFolders folders;

    public ExportRetention(TenantFolders folders) {
        this.folders = folders;
    }

    /** Deletes exports last modified more than {@code maxAge} ago; returns how many it deleted. */
    public int deleteOlderThan(Duration maxAge) throws IOException {
        Instant cutoff = Instant.now().minus(maxAge);
        int deleted = 0;
        for (Path tenant : children(folders.root())) {
            Path exports = tenant.resolve("exports");
            if (!Files.isDirectory(exports)) {
                continue;
            }
            for (Path file : children(exports)) {
                if (!Files.getLastModifiedTime(file).toInstant().isAfter(cutoff)) {
                    Files.delete(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
