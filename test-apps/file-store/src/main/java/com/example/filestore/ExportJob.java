package com.example.filestore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a CSV listing of the current tenant's attachments to the tenant's {@code exports/} folder.
 * One instance is shared by all requests (a singleton bean, created lazily by the first request).
 */
public final class ExportJob {
    private final TenantFileStore store;

    /**
     * PLANTED BUG (b): computed once, in the constructor, from the tenant of whichever request
     * happened to create the bean. Every later export of any tenant lands in that tenant's folder.
     */
    private final Path exportDir;

    public ExportJob(TenantFileStore store) {
        this.store = store;
        this.exportDir = store.tenantDir().resolve("exports");
    }

    /** Exports the current tenant's attachments; returns the CSV written. */
    public Path export() throws IOException {
        String tenant = TenantFileStore.currentTenant(); // fresh, so the file name looks right
        Files.createDirectories(exportDir);
        Path csv = exportDir.resolve("export-" + tenant + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("name,bytes\n");
            for (String name : store.list()) {
                out.write(name + "," + store.size(name) + "\n");
            }
        }
        return csv;
    }
}
