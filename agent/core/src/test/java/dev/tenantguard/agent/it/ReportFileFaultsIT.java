package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.ReportFaultApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report file fails — unwritable at start, deleted while running, a full disk — under the real
 * agent jar, each in both modes: the agent starts (and says so, naming the file), in enforce the
 * blocking goes on and in report the crossings run (both checked on disk), the violations reach the
 * log even with {@code report.log: false}, and the exit summary does not send the reader to the file.
 */
class ReportFileFaultsIT {
    @TempDir
    Path root;

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void aReportFileThatCannotBeCreatedIsNamedAtStartAndTheAgentGoesOn(String mode) throws Exception {
        Files.writeString(root.resolve("not-a-dir"), "x");
        Path report = root.resolve("not-a-dir/violations.jsonl");
        ForkedJvm.Result result = run(mode, report, "report.log=false");

        String stderr = result.stderr();
        int message = stderr.indexOf("tenant-guard: cannot write the violation report " + report + ": " + root.resolve("not-a-dir")
                + " is not a directory; enforcement goes on, and violations go to the log instead");
        assertTrue(message >= 0, result.toString());
        assertTrue(message < stderr.indexOf("tenant-guard: " + mode + " mode"), "checked at start, before the start line\n"
                + result);
        assertTheCrossingsBlockedOrRun(mode, result);
        assertInTheLogAndNotNamedAtExit(result, report, action(mode));
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void aReportFileDeletedWhileRunningSendsTheRestToTheLog(String mode) throws Exception {
        Path report = PolicyFiles.jsonl(root);
        ForkedJvm.Result result = run(mode, report, "report.log=false", "delete");

        assertTheCrossingsBlockedOrRun(mode, result);
        assertTrue(result.stderr().contains("tenant-guard: cannot write the violation report " + report
                + ": it was deleted while the application ran; enforcement goes on"), result.toString());
        assertTrue(result.stderr().contains("tenant-guard CROSS_TENANT " + action(mode) + ": tenant acme tried to WRITE"),
                "the event after the deletion is in the log\n" + result);
        assertFalse(Files.exists(report), "the deleted file is not brought back");
        assertTrue(result.stderr().contains("tenant-guard: 2 violations at 2 call sites; the JSONL report could not be"
                + " written, each one is in the log"), result.toString());
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"enforce", "report"})
    void aFullDiskSendsTheViolationsToTheLog(String mode) throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        ForkedJvm.Result result = run(mode, full, "report.log=false");

        assertTrue(result.stderr().contains("tenant-guard: cannot write the violation report /dev/full:"
                + " java.io.IOException: No space left on device; enforcement goes on"), result.toString());
        assertTheCrossingsBlockedOrRun(mode, result);
        assertInTheLogAndNotNamedAtExit(result, full, action(mode));
    }

    private static String action(String mode) {
        return mode.equals("enforce") ? "BLOCKED" : "REPORTED";
    }

    /**
     * In enforce both crossings are refused and globex's folder gets no new file; in report both run and
     * the file is there with what acme wrote. The own read runs in both.
     */
    private void assertTheCrossingsBlockedOrRun(String mode, ForkedJvm.Result result) throws Exception {
        Path written = root.resolve("tenants/globex/new.txt");
        String crossing = mode.equals("enforce") ? "BLOCKED CROSS_TENANT" : "RAN";
        assertEquals(crossing, result.step(0), result.toString());
        assertEquals(crossing, result.step(1), result.toString());
        assertEquals("RAN", result.step(2), result.toString());
        if (mode.equals("enforce")) {
            assertFalse(Files.exists(written), "the blocked write had no effect");
        } else {
            assertEquals("x", Files.readString(written), "the reported write ran");
        }
    }

    private ForkedJvm.Result run(String mode, Path report, String option, String... appArgs) throws Exception {
        Path policy = PolicyFiles.write(root, mode, "");
        Files.writeString(policy, Files.readString(policy).replace(PolicyFiles.jsonl(root).toString(), report.toString()));
        Files.writeString(root.resolve("tenants/acme/data.txt"), "acme");
        Files.writeString(root.resolve("tenants/globex/data.txt"), "globex");
        List<String> args = new java.util.ArrayList<>(List.of(root.resolve("tenants").toString(), report.toString()));
        args.addAll(List.of(appArgs));
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy + "," + option, List.of(), Map.of(),
                ReportFaultApp.class.getName(), args);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private static void assertInTheLogAndNotNamedAtExit(ForkedJvm.Result result, Path report, String action) {
        assertTrue(result.stderr().contains("tenant-guard CROSS_TENANT " + action + ": tenant acme tried to READ"),
                result.toString());
        assertTrue(result.stderr().contains("tenant-guard CROSS_TENANT " + action + ": tenant acme tried to WRITE"),
                result.toString());
        assertFalse(result.stderr().contains("each one in " + report), result.toString());
        assertTrue(result.stderr().contains("; the JSONL report could not be written, each one is in the log"),
                result.toString());
    }
}
