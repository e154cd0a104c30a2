package com.example.filestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Nightly sweep of abandoned upload temp files ({@code *.tmp}) in every tenant's folder.
 *
 * <p>PLANTED BUG (c): the scheduler thread has no tenant in context, and the job walks all tenant
 * folders anyway. The fix is to run each tenant's part inside {@code TenantContext.run(tenant, …)}
 * (or, if it truly is an admin job, a privileged scope).
 */
public final class CleanupJob {
    private final Path tenantsRoot;

    public CleanupJob(Path dataRoot) {
        this.tenantsRoot = dataRoot.resolve("tenants");
    }

    /** Deletes temp files older than {@code maxAge}; returns how many it deleted. */
    public int sweepTempFiles(Duration maxAge) throws IOException {
        Instant cutoff = Instant.now().minus(maxAge);
        int deleted = 0;
        for (Path tenantDir : children(tenantsRoot)) {
            for (Path file : children(tenantDir)) {
                if (file.getFileName().toString().endsWith(".tmp")
                        && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
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
