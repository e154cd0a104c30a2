package com.example.filestore;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the file store through a day of work: both tenants use it correctly, then each planted
 * bug runs once, then a legitimate privileged admin job. One line per step:
 * {@code step <name>: OK}, {@code step <name>: BLOCKED <message>} (the agent refused a call in
 * enforce mode) or {@code step <name>: FAILED <exception>} (a real error; the exit code is then 1).
 *
 * <p>Steps named {@code bug-*} are the planted bugs; every other step must stay clean.
 * The data root is expected to be fresh: clearing it here would itself touch every tenant's folder.
 */
public final class FileStoreDemo {

    /** The steps that exercise the planted bugs; all other steps must stay clean. */
    static final List<String> BUG_STEPS =
            List.of("bug-path-traversal", "bug-stale-export-tenant", "bug-cleanup-without-tenant");

    /** A step's body; it may throw anything, the runner reports it. */
    interface Step {
        void run() throws Exception;
    }

    private final TenantFileStore store;
    private final Path dataRoot;
    private final PrintStream out;
    private final Map<String, String> outcomes = new LinkedHashMap<>();
    private ExportJob exportJob;

    FileStoreDemo(Path dataRoot, PrintStream out) {
        this.dataRoot = dataRoot;
        this.store = new TenantFileStore(dataRoot);
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "target/demo-data");
        Map<String, String> outcomes = run(root, System.out);
        boolean failed = outcomes.values().stream().anyMatch(o -> o.startsWith("FAILED"));
        if (failed) {
            System.exit(1);
        }
    }

    /** Runs the scenario against {@code dataRoot}; returns each step's outcome, in order. */
    public static Map<String, String> run(Path dataRoot, PrintStream out) throws IOException {
        Files.createDirectories(dataRoot.resolve("tenants")); // the parent of all tenants: nobody's
        FileStoreDemo demo = new FileStoreDemo(dataRoot, out);
        demo.scenario();
        return demo.outcomes;
    }

    private void scenario() {
        step("seed-acme", "acme", () -> seed("acme", "ACME invoice #1001: 12 anvils, 1200.00 EUR",
                "contract.txt", "ACME master services agreement"));
        step("seed-globex", "globex", () -> seed("globex", "GLOBEX invoice #7: 1 hammock, 4000000.00 USD",
                "roadmap.txt", "GLOBEX secret roadmap: world domination in Q3"));

        // correct, own-tenant work: must stay clean in every mode
        step("acme-save", "acme", () -> store.save("q3-report.txt", utf8("ACME Q3 report")));
        step("acme-list", "acme", () -> expect(store.list().contains("q3-report.txt"), "q3-report.txt listed"));
        step("acme-read", "acme", () -> expect(text(store.read("invoice.txt")).startsWith("ACME"), "own invoice read"));
        step("acme-export", "acme", () -> expect(Files.exists(exportJob().export()), "export written"));
        step("acme-delete", "acme", () -> expect(store.delete("q3-report.txt"), "q3-report.txt deleted"));
        step("globex-save", "globex", () -> store.save("notes.txt", utf8("GLOBEX meeting notes")));
        step("globex-read", "globex", () -> expect(text(store.read("roadmap.txt")).startsWith("GLOBEX"), "own roadmap read"));
        step("globex-list", "globex", () -> expect(store.list().contains("notes.txt"), "notes.txt listed"));

        // (a) acme downloads "../globex/invoice.txt": the name is resolved without a containment check
        step("bug-path-traversal", "acme", () -> store.read("../globex/invoice.txt"));
        // (b) the shared ExportJob was created by acme's request and still writes into acme's folder
        step("bug-stale-export-tenant", "globex", () -> exportJob().export());
        // (c) the nightly sweep runs with no tenant in context and walks every tenant's folder
        step("bug-cleanup-without-tenant", null, () -> new CleanupJob(dataRoot).sweepTempFiles(Duration.ofDays(1)));

        // legitimate cross-tenant admin work, in a privileged scope: not a violation
        step("admin-usage-report", null, () -> expect(new AdminReport(dataRoot).usageByTenant().size() == 2,
                "usage of both tenants"));
    }

    private void seed(String tenant, String invoice, String otherName, String other) throws IOException {
        store.save("invoice.txt", utf8(invoice));
        store.save(otherName, utf8(other));
        // an upload abandoned three days ago, for the nightly sweep to find
        String upload = "upload-" + tenant + ".tmp";
        store.save(upload, utf8("partial upload"));
        Files.setLastModifiedTime(store.tenantDir().resolve(upload), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
    }

    /** The shared export bean, created on first use by whichever tenant comes first. */
    private ExportJob exportJob() {
        if (exportJob == null) {
            exportJob = new ExportJob(store);
        }
        return exportJob;
    }

    private void step(String name, String tenant, Step body) {
        String outcome;
        try (TenantScope ignored = tenant == null ? null : TenantContext.open(tenant)) {
            body.run();
            outcome = "OK";
        } catch (Exception e) {
            TenantBoundaryViolation violation = violationIn(e);
            if (violation != null) {
                outcome = "BLOCKED " + violation.getMessage();
            } else {
                outcome = "FAILED " + e;
                e.printStackTrace();
            }
        }
        outcomes.put(name, outcome);
        out.println("step " + name + ": " + outcome);
        out.flush();
    }

    /** The agent's exception, even if some layer wrapped it. */
    private static TenantBoundaryViolation violationIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TenantBoundaryViolation v) {
                return v;
            }
        }
        return null;
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("expected: " + what);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
