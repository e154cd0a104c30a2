package com.example.filestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.api.TenantContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app without the agent: it works unchanged, and the planted bugs really do cross tenants —
 * which is what the agent is there to catch (see FileStoreUnderAgentIT).
 */
class FileStoreWithoutAgentTest {

    @TempDir
    Path root;

    private TenantFileStore store() {
        return new TenantFileStore(root);
    }

    private void save(String tenant, String name, String content) throws Exception {
        TenantContext.call(tenant, () -> {
            store().save(name, content.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    @Test
    void ownTenantSaveReadListDelete() throws Exception {
        save("acme", "a.txt", "hello");
        TenantContext.call("acme", () -> {
            TenantFileStore store = store();
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), store.read("a.txt"));
            assertEquals(List.of("a.txt"), store.list());
            assertTrue(store.delete("a.txt"));
            assertEquals(List.of(), store.list());
            return null;
        });
        assertTrue(Files.isDirectory(root.resolve("tenants/acme")), "files live under <root>/tenants/<tenant>");
    }

    @Test
    void storeNeedsATenantAndSaveRejectsPaths() {
        assertThrows(IllegalStateException.class, () -> store().list());
        TenantContext.run("acme", () -> assertThrows(IllegalArgumentException.class,
                () -> store().save("../globex/x.txt", new byte[0])));
    }

    @Test
    void pathTraversalInReadEscapesTheTenantFolder() throws Exception {
        save("acme", "invoice.txt", "ACME");
        save("globex", "invoice.txt", "GLOBEX secret");
        byte[] leaked = TenantContext.call("acme", () -> store().read("../globex/invoice.txt"));
        assertEquals("GLOBEX secret", new String(leaked, StandardCharsets.UTF_8));
    }

    @Test
    void sharedExportJobWritesIntoTheTenantThatCreatedIt() throws Exception {
        save("acme", "a.txt", "a");
        save("globex", "g.txt", "g");
        ExportJob job = TenantContext.call("acme", () -> new ExportJob(store()));
        Path written = TenantContext.call("globex", job::export);
        assertEquals(root.resolve("tenants/acme/exports/export-globex.csv"), written);
        assertEquals(List.of("name,bytes", "g.txt,1"), Files.readAllLines(written));
    }

    @Test
    void cleanupWithoutTenantDeletesInEveryTenantFolder() throws Exception {
        Map<String, String> outcomes = FileStoreDemo.run(root, new PrintStream(new ByteArrayOutputStream(), true));
        assertFalse(Files.exists(root.resolve("tenants/acme/upload-acme.tmp")), outcomes.toString());
        assertFalse(Files.exists(root.resolve("tenants/globex/upload-globex.tmp")), outcomes.toString());
        assertTrue(Files.exists(root.resolve("tenants/acme/invoice.txt")), "only old temp files are swept");
    }

    @Test
    void demoRunsCleanWithoutTheAgent() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Map<String, String> outcomes = FileStoreDemo.run(root, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String printed = buffer.toString(StandardCharsets.UTF_8);
        outcomes.forEach((step, outcome) -> assertEquals("OK", outcome, "step " + step + "\n" + printed));
        assertTrue(outcomes.keySet().containsAll(FileStoreDemo.BUG_STEPS), printed);
        assertTrue(outcomes.containsKey("admin-usage-report"), printed);
        assertTrue(printed.contains("step bug-path-traversal: OK"), printed);
        assertTrue(Files.exists(root.resolve("tenants/acme/exports/export-globex.csv")),
                "without the agent the stale export lands in acme's folder");
    }
}
