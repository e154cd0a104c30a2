package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.FileRoute;
import com.example.probe.FileRoute.Effect;
import com.example.probe.FileRoutesApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file route, run by a real application under the real agent jar in enforce mode: allowed on
 * the tenant's own files, blocked across tenants — and a blocked call leaves the disk unchanged.
 */
class FileEnforcementIT {
    @TempDir
    Path root;

    @Test
    void everyRouteIsAllowedOnOwnFilesAndBlockedOnAnotherTenantsFiles() throws Exception {
        Path policy = PolicyFiles.write(root, "enforce", "");
        List<RouteFixtures.Case> cases = new RouteFixtures(root).ownAndCrossingCases();
        List<String> steps = cases.stream().map(RouteFixtures.Case::step).toList();

        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                FileRoutesApp.class.getName(), steps);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < cases.size(); i++) {
            RouteFixtures.Case c = cases.get(i);
            String outcome = result.step(i);
            String label = c.route() + " " + c.a() + " " + c.b() + ": " + outcome;
            if (c.crossing()) {
                assertTrue(outcome.startsWith("BLOCKED CROSS_TENANT tenant acme tried to "), label);
                assertTrue(outcome.contains("owned by tenant globex"), label);
                assertFalse(c.effectVisible(), "a blocked call changed the disk: " + label);
            } else {
                assertEquals("OK", outcome, label);
                if (c.route().effect() != Effect.NONE) {
                    assertTrue(c.effectVisible(), "an allowed call had no effect: " + label);
                }
            }
        }
    }
}
