package dev.tenantguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.config.PolicyLoader;
import dev.tenantguard.agent.report.Observations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suggest}: the policy it prints loads unchanged, and each rule says what supports it. */
class SuggestCommandTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    @Test
    void theSuggestedPolicyLoadsAsIsWithTheRulesTheObservationsSupport() throws Exception {
        Path jsonl = dir.resolve("run.jsonl");
        Observations observations = new Observations(Observations.fileFor(jsonl.toString()), 100);
        observations.file("/srv/data/tenants", "acme", "WRITE", "/srv/data/tenants/acme/notes/1.txt");
        observations.file("/srv/data/tenants", "globex", "READ", "/srv/data/tenants/globex/notes/2.txt");
        observations.http("http://billing:8080/v1/tenants/{tenant}/**", "acme", "GET", "http://billing:8080/v1/tenants/acme/usage");
        observations.http("https://{tenant}.api.example.com/**", "globex", "POST", "https://globex.api.example.com/x");
        observations.table("notes", "tenant_id", "acme", "SELECT", "SELECT * FROM notes WHERE tenant_id = ?");
        observations.table("notes", "tenant_id", "globex", "INSERT", "INSERT INTO notes (tenant_id, title) VALUES (?, ?)");
        observations.table("notes", null, "acme", "UPDATE", "UPDATE notes SET title = ? WHERE id = ?");
        observations.table("attachments", "tenant_id", "acme", "DELETE", "DELETE FROM attachments WHERE tenant_id = ?");
        observations.table("countries", null, "acme", "SELECT", "SELECT name FROM countries");
        observations.table("audit", "org", "acme", "SELECT", "SELECT * FROM audit WHERE org = ?");
        observations.write();

        // given the violations file, the observations beside it are read
        assertEquals(0, suggest(jsonl.toString()), err);
        Path policyFile = dir.resolve("suggested.yaml");
        Files.writeString(policyFile, out);
        Policy policy = PolicyLoader.load("config=" + policyFile, Map.of(), Map.of(), dir);

        assertEquals(List.of("/srv/data/tenants/{tenant}/**"), policy.fileRules());
        assertEquals(List.of("http://billing:8080/v1/tenants/{tenant}/**", "https://{tenant}.api.example.com/**"),
                policy.http().rules());
        assertEquals("tenant_id", policy.jdbc().column());
        assertEquals(List.of("attachments", "notes"), policy.jdbc().tables());
        assertEquals("report", policy.mode().name().toLowerCase());
        assertTrue(out.contains("    # evidence: 2 distinct file operations (READ, WRITE) by 2 tenants (acme, globex), each in its own"
                + " folder; e.g. /srv/data/tenants/acme/notes/1.txt\n    - \"/srv/data/tenants/{tenant}/**\""), out);
        assertTrue(out.contains("# evidence: 1 distinct outbound request (POST) by 1 tenant (globex), the URL names the tenant in"
                + " context; seen for one tenant only"), out);
        assertTrue(out.contains("    # evidence: 2 distinct statements (INSERT, SELECT) by 2 tenants (acme, globex) pin tenant_id,"
                + " e.g. SELECT * FROM notes WHERE tenant_id = ?; 1 distinct statement (UPDATE) by 1 tenant (acme) pin no column"), out);
        assertTrue(out.contains("# not suggested: table countries: 1 distinct statement (SELECT) by 1 tenant (acme) pin no column to"
                + " the tenant, e.g. SELECT name FROM countries"), out);
        assertTrue(out.contains("# not suggested: table audit: its statements pin org, not tenant_id"), out);
    }

    @Test
    void aRunThatHitTheBoundSaysSoInThePolicy() throws Exception {
        Observations observations = new Observations(dir.resolve("x" + Observations.FILE_SUFFIX), 1);
        observations.file("/a", "acme", "READ", "/a/acme/1");
        observations.file("/b", "acme", "READ", "/b/acme/1");
        observations.write();
        assertTrue(Files.readString(observations.file()).contains("\"limitReached\":1"));

        assertEquals(0, suggest(observations.file().toString()), err);
        assertTrue(out.contains("# warning: the run hit the bound of 1 distinct observations: rules may be missing"), out);
        assertTrue(out.contains("- \"/a/{tenant}/**\"") && !out.contains("/b/"), out);
        assertTrue(out.contains("# jdbc: no statement pins a column") && out.contains("# http: nothing observed"), out);
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals(ReportCommand.FAILED, suggest(dir.resolve("none.jsonl").toString()));
        assertTrue(err.contains("no such file: " + dir.resolve("none.jsonl")) && err.contains("report.observe: true"), err);
    }

    private int suggest(String file) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = SuggestCommand.run(new String[] {file}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }
}
