package com.example.notes.scenario;

import com.example.notes.scenario.NotesClient.Reply;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A day of traffic for the notes service, over HTTP, as three tenants (acme, globex, initech):
 * every correct endpoint first, then each planted bug once, then the operators' endpoints (one of
 * them a planted bug too).
 * One line per step: {@code step <name>: OK[ (what leaked)]}, {@code step <name>: BLOCKED <message>}
 * (the service answered 403: a call was refused) or {@code step <name>: FAILED <what>} (a real error;
 * the exit code is then 1).
 *
 * <p>Steps named {@code bug-*} exercise the planted bugs; every other step must stay clean.
 *
 * <pre>java -cp notes-service.jar com.example.notes.scenario.ScenarioDriver http://127.0.0.1:8080</pre>
 */
public final class ScenarioDriver {

    /** The steps that exercise the planted bugs, one per bug. */
    public static final List<String> BUG_STEPS = List.of(
            "bug-idor-rename", "bug-suggest-across-tenants", "bug-export-wrong-folder",
            "bug-download-traversal", "bug-usage-other-account", "bug-index-batch-mixed-tenants",
            "bug-retention-without-tenant", "bug-recent-cache-without-tenant", "bug-digest-job-without-tenant");

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([^\"]*)\"");
    private static final Pattern DROPPED = Pattern.compile("\"dropped\":(\\d+)");

    /** A step's body: returns what leaked (for a bug step that went through), or null. */
    private interface Step {
        String run() throws Exception;
    }

    /** The service refused a call: the message it answered with. */
    private static final class Blocked extends Exception {
        Blocked(String message) {
            super(message);
        }
    }

    private final NotesClient client;
    private final PrintStream out;
    private final Map<String, String> outcomes = new LinkedHashMap<>();
    private final Map<String, Long> ids = new LinkedHashMap<>();

    private ScenarioDriver(URI notes, PrintStream out) {
        this.client = new NotesClient(notes);
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ScenarioDriver <notes-service base URL>");
            System.exit(2);
        }
        Map<String, String> outcomes = run(URI.create(args[0]), System.out);
        if (outcomes.values().stream().anyMatch(o -> o.startsWith("FAILED"))) {
            System.exit(1);
        }
    }

    /** Drives the scenario against a fresh service; returns each step's outcome, in order. */
    public static Map<String, String> run(URI notes, PrintStream out) {
        ScenarioDriver driver = new ScenarioDriver(notes, out);
        driver.correctTraffic();
        driver.plantedBugs();
        driver.cacheBug();
        driver.adminTraffic();
        return driver.outcomes;
    }

    /**
     * Drives only the correct endpoints, as the three tenants: what a service does when nothing goes
     * wrong, for a run that observes it ({@code report.observe}) and suggests a policy from it.
     */
    public static Map<String, String> runCorrectTraffic(URI notes, PrintStream out) {
        ScenarioDriver driver = new ScenarioDriver(notes, out);
        driver.correctTraffic();
        return driver.outcomes;
    }

    private void correctTraffic() {
        step("acme-create-notes", () -> {
            create("acme", "q3", "Q3 plan", "Launch the #rockets in Q3");
            create("acme", "offsite", "Team offsite", "Lisbon, two days");
            return null;
        });
        step("globex-create-notes", () -> {
            create("globex", "merger", "Merger talks", "Confidential: we acquire #initech in May");
            create("globex", "hammock", "Hammock inventory", "412 hammocks in the volcano lair");
            return null;
        });
        step("initech-create-note", () -> {
            create("initech", "tps", "TPS reports", "New #tps cover sheets");
            return null;
        });
        step("acme-list-notes", () -> {
            String body = ok(client.get("acme", "/notes")).body();
            expect(body.contains("Q3 plan") && body.contains("Team offsite") && !body.contains("Merger"), "acme's notes only");
            return null;
        });
        step("acme-get-note", () -> {
            expect(ok(client.get("acme", "/notes/" + id("q3"))).body().contains("Q3 plan"), "own note");
            expect(ok(client.get("acme", "/notes/" + id("q3"))).body().contains("Q3 plan"), "own note, from the cache");
            return null;
        });
        step("globex-get-acme-note-is-404", () -> {
            expect(client.get("globex", "/notes/" + id("q3")).status() == 404, "another tenant's note is not found");
            return null;
        });
        step("attachments-upload", () -> {
            expectStatus(client.upload("acme", "/notes/" + id("q3") + "/attachments/plan.txt", "launch window: 14 July"), 201);
            expectStatus(client.upload("globex", "/notes/" + id("merger") + "/attachments/merger-terms.txt",
                    "GLOBEX CONFIDENTIAL: price 4.2 billion"), 201);
            return null;
        });
        step("acme-list-attachments", () -> {
            expect(ok(client.get("acme", "/notes/" + id("q3") + "/attachments")).body().equals("[\"plan.txt\"]"),
                    "acme's attachment listed");
            return null;
        });
        step("acme-download-own-attachment", () -> {
            expect(ok(client.get("acme", "/notes/" + id("q3") + "/attachments/plan.txt")).body().startsWith("launch"),
                    "own attachment read");
            return null;
        });
        step("acme-delete-note-with-attachment", () -> {
            expectStatus(client.upload("acme", "/notes/" + id("offsite") + "/attachments/agenda.txt", "day 1: talks"), 201);
            expectStatus(client.delete("acme", "/notes/" + id("offsite")), 204);
            expect(client.get("acme", "/notes/" + id("offsite")).status() == 404, "deleted note is gone");
            return null;
        });
        step("index-and-search", () -> {
            expect(indexed("acme", id("q3")).equals("done"), "acme's note indexed");
            expect(indexed("globex", id("merger")).equals("done"), "globex's note indexed");
            expect(ok(client.get("acme", "/search?q=rockets")).body().equals("[\"Q3 plan\"]"), "acme finds its note");
            expect(ok(client.get("acme", "/search?q=acquire")).body().equals("[]"), "acme does not find globex's note");
            return null;
        });
        step("reminders-as-jobs", () -> {
            expectStatus(client.form("acme", "POST", "/notes/" + id("q3") + "/reminders", Map.of()), 202);
            expectStatus(client.form("globex", "POST", "/notes/" + id("merger") + "/reminders", Map.of()), 202);
            expect(awaitBody("acme", "/reminders", "[\"Q3 plan\"]"), "acme's reminder job ran as acme");
            expect(awaitBody("globex", "/reminders", "[\"Merger talks\"]"), "globex's reminder job ran as globex");
            return null;
        });
        step("acme-export", () -> {
            expect(ok(client.form("acme", "POST", "/exports", Map.of()), 201).body().contains("notes-acme.csv"), "export");
            expect(ok(client.get("acme", "/exports")).body().equals("[\"notes-acme.csv\"]"), "export listed");
            return null;
        });
        step("usage-from-billing", () -> {
            expect(ok(client.get("acme", "/usage")).body().contains("\"notesCreated\":2"), "acme created 2 notes");
            expect(ok(client.get("globex", "/usage")).body().contains("\"notesCreated\":2"), "globex created 2 notes");
            return null;
        });
    }

    private void plantedBugs() {
        // IDOR: the rename endpoint updates by id alone; acme renames globex's note
        step("bug-idor-rename", () -> {
            expectStatus(client.form("acme", "PUT", "/notes/" + id("merger") + "/title", Map.of("title", "renamed by acme")), 204);
            return "acme renamed globex's note " + id("merger");
        });
        // search without tenant: AND/OR precedence; acme's suggestions for "initech" list globex's note
        step("bug-suggest-across-tenants", () -> {
            String body = ok(client.get("acme", "/notes/suggest?q=initech")).body();
            return "acme's suggestions: " + body;
        });
        // export to the wrong folder: the export folder was cached by acme's export
        step("bug-export-wrong-folder", () -> {
            expectStatus(client.form("globex", "POST", "/exports", Map.of()), 201);
            return "acme's exports now list: " + ok(client.get("acme", "/exports")).body();
        });
        // path traversal: the download checks the data root, not the note's folder
        step("bug-download-traversal", () -> {
            String name = URLEncoder.encode("../../../globex/notes/" + id("merger") + "/merger-terms.txt",
                    StandardCharsets.UTF_8);
            String body = ok(client.get("acme", "/notes/" + id("q3") + "/attachments/" + name)).body();
            return "acme read: " + body;
        });
        // outbound call for the wrong tenant: ?account= is trusted
        step("bug-usage-other-account", () -> "acme got: " + ok(client.get("acme", "/usage?account=globex")).body());
        // async job with the wrong tenant: acme's and globex's index jobs share a batch opened as acme
        step("bug-index-batch-mixed-tenants", () -> {
            // the two jobs share a batch when the second is queued within the worker's window (250 ms):
            // on a loaded machine it may miss it, so try again (a mixed batch shows in acme's search)
            for (int attempt = 1; ; attempt++) {
                expectStatus(client.form("acme", "POST", "/notes/" + id("q3") + "/index", Map.of()), 202);
                expectStatus(client.form("globex", "POST", "/notes/" + id("hammock") + "/index", Map.of()), 202);
                expect(awaitIndexed("acme", id("q3")).equals("done"), "acme's own job done");
                String globexJob = awaitIndexed("globex", id("hammock"));
                if (globexJob.startsWith("failed: tenant ")) {
                    throw new Blocked(globexJob.substring("failed: ".length()));
                }
                expect(globexJob.equals("done"), "globex's job done, was: " + globexJob);
                String found = ok(client.get("acme", "/search?q=hammocks")).body();
                if (found.contains("Hammock")) {
                    return "acme's search for 'hammocks' finds: " + found;
                }
                expect(attempt < 3, "acme's and globex's jobs in one batch (3 attempts)");
            }
        });
    }

    private void cacheBug() {
        // a cache key without the tenant: acme's recent titles fill the entry, globex is served them
        step("bug-recent-cache-without-tenant", () -> {
            expect(ok(client.get("acme", "/notes/recent")).body().contains("Q3 plan"), "acme's recent notes");
            return "globex's recent notes: " + ok(client.get("globex", "/notes/recent")).body();
        });
    }

    private void adminTraffic() {
        // a job without a tenant: the export retention, run now by an operator, walks every tenant's folder
        step("bug-retention-without-tenant", () -> {
            String body = ok(client.form(null, "POST", "/admin/jobs/export-retention?olderThanDays=0", Map.of())).body();
            return "the retention job, with no tenant in context, deleted exports: " + body;
        });
        // a job published without its tenant: the weekly digest queues each tenant's job from the
        // operator's thread; the jobs carry no tenant and the consumer drops them
        step("bug-digest-job-without-tenant", () -> {
            String body = ok(client.form(null, "POST", "/admin/jobs/digest", Map.of())).body();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                Matcher m = DROPPED.matcher(ok(client.get(null, "/admin/jobs")).body());
                expect(m.find(), "job counts");
                if (Long.parseLong(m.group(1)) > 0) {
                    return "the digest jobs " + body + " went out with no tenant: the consumer dropped " + m.group(1);
                }
                expect(System.nanoTime() < deadline, "the digest jobs reached the consumer within 10 s");
                Thread.sleep(50);
            }
        });
        // the operators' dashboard reads across tenants in a privileged scope: audited, not a violation
        step("admin-stats", () -> {
            String body = ok(client.get(null, "/admin/stats")).body();
            expect(body.contains("\"acme\":1") && body.contains("\"initech\":1"), "notes per tenant, was " + body);
            return null;
        });
    }

    // ---- steps

    private void step(String name, Step body) {
        String outcome;
        try {
            String leak = body.run();
            outcome = leak == null ? "OK" : "OK (" + leak + ")";
        } catch (Blocked e) {
            outcome = "BLOCKED " + e.getMessage();
        } catch (Exception e) {
            outcome = "FAILED " + e.getMessage();
        }
        outcomes.put(name, outcome);
        out.println("step " + name + ": " + outcome);
        out.flush();
    }

    private void create(String tenant, String key, String title, String body) throws Exception {
        Reply reply = ok(client.form(tenant, "POST", "/notes", Map.of("title", title, "body", body)), 201);
        Matcher m = ID.matcher(reply.body());
        expect(m.find(), "an id in " + reply.body());
        ids.put(key, Long.parseLong(m.group(1)));
    }

    private long id(String key) {
        Long id = ids.get(key);
        if (id == null) {
            throw new IllegalStateException("note '" + key + "' was not created");
        }
        return id;
    }

    /** Queues one note for indexing and waits for its job. */
    private String indexed(String tenant, long noteId) throws Exception {
        expectStatus(client.form(tenant, "POST", "/notes/" + noteId + "/index", Map.of()), 202);
        return awaitIndexed(tenant, noteId);
    }

    private String awaitIndexed(String tenant, long noteId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Matcher m = STATE.matcher(ok(client.get(tenant, "/notes/" + noteId + "/index")).body());
            expect(m.find(), "an index state");
            if (!m.group(1).equals("queued")) {
                return m.group(1);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("index job of note " + noteId + " still queued after 10 s");
            }
            Thread.sleep(50);
        }
    }

    /** Polls a tenant's GET endpoint until it answers {@code expected} (a job's effect), for up to 10 s. */
    private boolean awaitBody(String tenant, String path, String expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ok(client.get(tenant, path)).body().equals(expected)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static Reply ok(Reply reply) throws Blocked {
        return ok(reply, 200);
    }

    private static Reply ok(Reply reply, int status) throws Blocked {
        expectStatus(reply, status);
        return reply;
    }

    private static void expectStatus(Reply reply, int status) throws Blocked {
        if (reply.status() == 403) {
            throw new Blocked(reply.body());
        }
        if (reply.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + reply.status() + ": " + reply.body());
        }
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("expected: " + what);
        }
    }
}
