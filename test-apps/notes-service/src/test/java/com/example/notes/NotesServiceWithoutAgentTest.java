package com.example.notes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.notes.billing.BillingServer;
import com.example.notes.scenario.NotesClient;
import com.example.notes.scenario.ScenarioDriver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service without the agent, in this JVM: every endpoint works, a request needs a tenant, and
 * the planted bugs really cross tenants (it needs Redis and RabbitMQ on 127.0.0.1) — what the agent is there to catch (NotesServiceUnderAgentIT).
 */
class NotesServiceWithoutAgentTest {

    @TempDir
    Path data;

    private BillingServer billing;
    private NotesService service;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        billing = BillingServer.start(0);
        service = NotesService.start(data, 0, URI.create("http://127.0.0.1:" + billing.port()));
        base = URI.create("http://127.0.0.1:" + service.port());
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        billing.close();
    }

    @Test
    void aRequestWithoutAValidTenantIsRefused() throws Exception {
        NotesClient client = new NotesClient(base);
        assertEquals(401, client.get(null, "/notes").status());
        assertEquals(401, client.get("Not A Tenant", "/notes").status());
        assertEquals(200, client.get("acme", "/notes").status());
    }

    @Test
    void theScenarioRunsAndEveryPlantedBugLeaks() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, String> steps = ScenarioDriver.run(base, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String transcript = printed.toString(StandardCharsets.UTF_8);
        Path tenants = data.resolve("tenants");

        assertTrue(steps.keySet().containsAll(ScenarioDriver.BUG_STEPS), transcript);
        steps.forEach((step, outcome) -> assertTrue(outcome.startsWith("OK"), "step " + step + ": " + outcome + "\n" + transcript));
        assertAll(
                () -> assertTrue(steps.get("bug-idor-rename").contains("acme renamed globex's note"), transcript),
                () -> assertTrue(new NotesClient(base).get("globex", "/notes").body().contains("renamed by acme"),
                        "acme's rename changed globex's note"),
                () -> assertTrue(steps.get("bug-suggest-across-tenants").contains("renamed by acme"),
                        "acme's suggestions list globex's note\n" + transcript),
                () -> assertTrue(steps.get("bug-export-wrong-folder").contains("notes-globex.csv"),
                        "globex's export lands in acme's folder\n" + transcript),
                () -> assertTrue(steps.get("bug-retention-without-tenant").contains("\"deleted\":2"),
                        "the retention job deleted acme's two exports\n" + transcript),
                () -> assertFalse(Files.exists(tenants.resolve("acme/exports/notes-acme.csv")), "acme's export deleted"),
                () -> assertTrue(steps.get("bug-download-traversal").contains("GLOBEX CONFIDENTIAL"),
                        "acme downloads globex's attachment\n" + transcript),
                () -> assertTrue(billing.received().stream().anyMatch(r -> r.path().equals("/v1/tenants/globex/usage")),
                        "billing was asked for globex's usage"),
                () -> assertTrue(steps.get("bug-index-batch-mixed-tenants").contains("Hammock inventory"),
                        "acme's search finds globex's note\n" + transcript),
                () -> assertEquals("OK (globex's recent notes: [\"Q3 plan\"])", steps.get("bug-recent-cache-without-tenant"),
                        "globex is served acme's cached titles\n" + transcript),
                () -> assertTrue(steps.get("bug-digest-job-without-tenant").contains("went out with no tenant"),
                        "the digest jobs carry no tenant\n" + transcript));
    }
}
