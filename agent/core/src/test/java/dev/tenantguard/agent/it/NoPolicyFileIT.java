package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoutesApp;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent started with no policy file (none named, none in the working directory) runs on its defaults
 * and says so on its start line, naming where it looked; with one, the start line names the file.
 */
class NoPolicyFileIT {
    @TempDir
    Path root;

    @Test
    void theStartLineSaysThatNoPolicyFileWasFoundAndWhereItLooked() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(root, "", List.of(), Map.of(), FileRoutesApp.class.getName(),
                List.of("FILE_INPUT_STREAM|-|" + root.resolve("x") + "||plain"));

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("; no policy file (no config= option, and no tenant-guard.yaml in the working"
                + " directory " + root.toAbsolutePath() + "): defaults and the options given"), result.stderr());
        assertTrue(result.stdout().contains("STEP 0"), "the application runs\n" + result);
    }

    @Test
    void aPolicyFileInTheWorkingDirectoryIsNamed() throws Exception {
        Path policy = java.nio.file.Files.writeString(root.resolve("tenant-guard.yaml"), "mode: report\n");
        ForkedJvm.Result result = ForkedJvm.run(root, "", List.of(), Map.of(), FileRoutesApp.class.getName(),
                List.of("FILE_INPUT_STREAM|-|" + root.resolve("x") + "||plain"));

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("; policy " + policy.toAbsolutePath()), result.stderr());
    }
}
