package com.example.notes.files;

import java.nio.file.Path;

/**
 * Where each tenant's files live: {@code <data>/tenants/<tenant>/} with {@code notes/<id>/} (attachments),
 * {@code exports/} and {@code index/} (the search index).
 */
public final class TenantFolders {
    private final Path tenantsRoot;

    public TenantFolders(Path dataDir) {
        this.tenantsRoot = dataDir.toAbsolutePath().normalize().resolve("tenants");
    }

    /** The folder that holds every tenant's folder (it belongs to none of them). */
    public Path root() {
        return tenantsRoot;
    }

    public Path tenant(String tenant) {
        return tenantsRoot.resolve(tenant);
    }

    public Path note(String tenant, long noteId) {
        return tenant(tenant).resolve("notes").resolve(Long.toString(noteId));
    }

    public Path exports(String tenant) {
        return tenant(tenant).resolve("exports");
    }

    public Path index(String tenant) {
        return tenant(tenant).resolve("index");
    }
}
