package com.example.notes.jobs;

import com.example.notes.db.NoteRepository;
import com.example.notes.files.TenantFolders;
import dev.tenantguard.api.TenantContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The weekly digest: an operator's job ({@code POST /admin/jobs/digest}) queues one digest job per
 * tenant; each writes the tenant's note count to its {@code digest.txt}.
 */
public final class WeeklyDigest {
    public static final String KIND = "digest";

    private final NoteRepository notes;
    private final TenantFolders folders;

    public WeeklyDigest(NoteRepository notes, TenantFolders folders) {
        this.notes = notes;
        this.folders = folders;
    }

    /**
     * PLANTED BUG (a job published without its tenant): the tenants are listed in an audited privileged
     * scope, as they should be, but each tenant's job is then published from the operator's thread, which
     * has no tenant — so it goes to {@code jobs.<tenant>.digest} carrying none, and the consumer cannot
     * run it for anyone. Each should be published inside {@code TenantContext.run(tenant, …)}.
     */
    public int queueAll(JobQueue jobs) throws Exception {
        Map<String, Long> tenants = TenantContext.privileged("weekly digest: list tenants", notes::countByTenant);
        for (String tenant : tenants.keySet()) {
            jobs.publish(tenant, KIND, "");
        }
        return tenants.size();
    }

    /** Runs one digest job of {@code tenant}. */
    public void run(String tenant) throws Exception {
        Path file = folders.tenant(tenant).resolve("digest.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "notes: " + notes.list(tenant).size() + "\n", StandardCharsets.UTF_8);
    }
}
