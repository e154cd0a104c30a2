package com.example.filestore;

import dev.tenantguard.api.TenantContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Attachments of the tenant in context, stored as files under {@code <root>/tenants/<tenant>/}.
 * The tenant is never a parameter: it comes from {@link TenantContext}, set once per request.
 */
public final class TenantFileStore {
    private final Path tenantsRoot;

    public TenantFileStore(Path dataRoot) {
        this.tenantsRoot = dataRoot.resolve("tenants");
    }

    /** The folder that holds every tenant's folder. */
    public Path tenantsRoot() {
        return tenantsRoot;
    }

    /** The folder of the tenant in context. */
    public Path tenantDir() {
        return tenantsRoot.resolve(currentTenant());
    }

    /** The tenant in context; a store call outside any tenant is a programming error. */
    static String currentTenant() {
        String tenant = TenantContext.current();
        if (tenant == null) {
            throw new IllegalStateException("no tenant in context");
        }
        return tenant;
    }

    public void save(String name, byte[] content) throws IOException {
        Path dir = tenantDir();
        Files.createDirectories(dir);
        Files.write(dir.resolve(checkedName(name)), content);
    }

    /**
     * The download endpoint. PLANTED BUG (a): it was added after {@link #save} and forgot the name
     * check, so {@code read("../globex/invoice.txt")} resolves into another tenant's folder.
     */
    public byte[] read(String name) throws IOException {
        return Files.readAllBytes(tenantDir().resolve(name));
    }

    public long size(String name) throws IOException {
        return Files.size(tenantDir().resolve(checkedName(name)));
    }

    /** Names of the tenant's attachments (plain files only: sub-folders such as exports/ are not attachments). */
    public List<String> list() throws IOException {
        Path dir = tenantDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    public boolean delete(String name) throws IOException {
        return Files.deleteIfExists(tenantDir().resolve(checkedName(name)));
    }

    /** An attachment name is a single path segment: no separators, no "..". */
    private static String checkedName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("bad attachment name: " + name);
        }
        return name;
    }
}
