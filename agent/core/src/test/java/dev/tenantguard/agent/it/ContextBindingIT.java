package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.BindingApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant of a unit of work is binding wherever the work goes, under the real agent jar: work
 * handed over as acme (executor, fork-join, CompletableFuture on a pool and on the common pool, a new
 * thread, a virtual thread on 21+, a timer) may open acme, not globex (TENANT_SWITCH: refused in
 * enforce, recorded in report), and globex inside privileged; work handed over with no tenant is
 * bound to none; scopes close in stack order; a synchronous stage runs in the context of the thread
 * that completes its source; a FutureTask carries its creator's tenant to whoever runs it.
 */
class ContextBindingIT {
    private static final String BOUND_ENFORCE = "tenant=acme own=OPENED other=BLOCKED TENANT_SWITCH privileged=OPENED";
    private static final String BOUND_REPORT = "tenant=acme own=OPENED other=OPENED privileged=OPENED";
    private static final String FREE = "tenant=null own=OPENED other=OPENED privileged=OPENED";

    @TempDir
    Path root;

    @Test
    void enforceRefusesASwitchOfHandedOverWorkOnEveryRoute() throws Exception {
        ForkedJvm.Result result = run("enforce");
        assertRoutes(result, BOUND_ENFORCE);
        List<String> switches = switches();
        assertTrue(switches.stream().allMatch(line -> line.contains("\"action\":\"BLOCKED\"")), String.join("\n", switches));
    }

    @Test
    void reportRecordsTheSwitchAndLetsItOpen() throws Exception {
        ForkedJvm.Result result = run("report");
        assertRoutes(result, BOUND_REPORT);
        List<String> switches = switches();
        assertTrue(switches.stream().allMatch(line -> line.contains("\"action\":\"REPORTED\"")), String.join("\n", switches));
    }

    private ForkedJvm.Result run(String mode) throws Exception {
        Path policy = PolicyFiles.write(root, mode, "");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(), BindingApp.class.getName(),
                List.of());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private static void assertRoutes(ForkedJvm.Result result, String bound) {
        List<String> routes = List.of("execute", "submit", "forkJoinSubmit", "supplyAsync", "commonPool", "threadStart",
                "timer");
        for (String route : routes) {
            assertEquals(bound, step(result, route), route + "\n" + result);
        }
        if (Runtime.version().feature() >= 21) {
            assertEquals(bound, step(result, "virtualThread"), result.toString());
        }
        assertEquals(FREE, step(result, "noTenant"), result.toString());
        assertEquals("tenant=acme own=OPENED other=OPENED privileged=OPENED", step(result, "privilegedSubmit"),
                result.toString());
        assertEquals(FREE, step(result, "poolAfter"), result.toString());
        assertEquals("afterOuter=null afterInner=null", step(result, "scopeStack"), result.toString());
        assertEquals("globex", step(result, "syncStageCompletedElsewhere"), result.toString());
        assertEquals("acme", step(result, "syncStageAlreadyComplete"), result.toString());
        assertEquals(bound + " after=globex", step(result, "futureTaskRunElsewhere"), result.toString());
        assertEquals("globex", step(result, "runnableRunElsewhere"), result.toString());
    }

    /** Every TENANT_SWITCH recorded: from acme to globex, at the probe's call site. */
    private List<String> switches() throws Exception {
        List<String> switches = Files.readAllLines(PolicyFiles.jsonl(root)).stream()
                .filter(line -> line.contains("\"kind\":\"TENANT_SWITCH\"")).toList();
        assertTrue(!switches.isEmpty(), "no TENANT_SWITCH recorded");
        for (String line : switches) {
            assertTrue(line.contains("\"activeTenant\":\"acme\""), line);
            assertTrue(line.contains("\"resourceTenant\":\"globex\""), line);
            assertTrue(line.contains("\"callSite\":\"com.example.probe.BindingApp.tryOpen("), line);
        }
        return switches;
    }

    private static String step(ForkedJvm.Result result, String name) {
        String prefix = "STEP " + name + " ";
        return result.stdout().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + "\n" + result));
    }
}
