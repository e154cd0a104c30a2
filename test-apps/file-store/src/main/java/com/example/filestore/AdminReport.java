package com.example.filestore;

import dev.tenantguard.api.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Storage used per tenant, for billing. It reads every tenant's folder on purpose, so it runs in
 * a privileged scope: audited by the agent, and not a violation.
 */
public final class AdminReport {
    private final Path tenantsRoot;

    public AdminReport(Path dataRoot) {
        this.tenantsRoot = dataRoot.resolve("tenants");
    }

    /** Bytes stored per tenant, by tenant id. */
    public Map<String, Long> usageByTenant() {
        Map<String, Long> usage = new TreeMap<>();
        TenantContext.privileged("monthly storage usage report for billing", () -> {
            try (Stream<Path> tenants = Files.list(tenantsRoot)) {
                for (Path dir : tenants.toList()) {
                    usage.put(dir.getFileName().toString(), bytesUnder(dir));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return usage;
    }

    private static long bytesUnder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }
}
