package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.PropagationApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant follows work to other threads, on every route, under the real agent jar: a task handed
 * over as tenant acme reads acme's file and is refused globex's with acme as the active tenant; the
 * pooled thread is clean afterwards; a scope a task leaves open is reported; with
 * {@code context.propagation: false} the work runs without tenant.
 */
class PropagationIT {
    /** Every route of Java 17. */
    static final List<String> ROUTES = List.of("execute", "submit", "prestartedWorker", "priorityQueue", "libraryExecutor", "submitRunnable", "invokeAll", "invokeAny",
            "schedule", "scheduleAtFixedRate", "forkJoinExecute", "forkJoinSubmit", "forkJoinInvokeAll", "commonPool",
            "fork", "commonPoolFork", "parallelStream", "supplyAsync", "supplyAsyncExecutor", "runAsync", "asyncChain",
            "asyncAfterForeignCompletion", "threadStart", "timer");
    static final String CARRIED = "tenant=acme own=OK other=BLOCKED CROSS_TENANT active=acme after=null";

    @TempDir
    Path root;
    Path policy;

    @BeforeEach
    void files() throws Exception {
        policy = PolicyFiles.write(root, "enforce", "");
        Files.writeString(root.resolve("tenants/acme/data.txt"), "acme");
        Files.writeString(root.resolve("tenants/globex/data.txt"), "globex");
    }

    @Test
    void everyRouteCarriesTheTenantAndLeavesTheWorkerClean() throws Exception {
        assertRoutesCarryTheTenant(ROUTES, List.of());
    }

    @Test
    void completableFutureWithTheCommonPoolAndWithAThreadPerTask() throws Exception {
        // with parallelism 1 CompletableFuture runs async stages on a new thread each, else on the common pool
        List<String> routes = List.of("supplyAsync", "runAsync", "asyncChain", "asyncAfterForeignCompletion", "commonPool", "commonPoolFork",
                "parallelStream");
        assertRoutesCarryTheTenant(routes, List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=3"));
        assertRoutesCarryTheTenant(routes, List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsCarryTheTenant() throws Exception {
        assertRoutesCarryTheTenant(List.of("virtualThread", "virtualThreadExecutor"), List.of());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_25)
    void scopedValuesAndStructuredTaskScopeSubtasksSeeTheTenant() throws Exception {
        assertRoutesCarryTheTenant(List.of("scopedValue", "structuredTaskScope"), List.of("--enable-preview"));
    }

    @Test
    void workHandedOverInsideAPrivilegedBlockIsPrivilegedThereAndTheWorkerIsCleanAfter() throws Exception {
        List<String> routes = List.of("submit", "forkJoinSubmit", "parallelStream", "supplyAsync", "threadStart", "timer",
                "libraryExecutor");
        List<String> args = new ArrayList<>();
        args.add(root.toString());
        routes.forEach(route -> args.add("privileged:" + route));
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, List.of(), Map.of(),
                PropagationApp.class.getName(), args);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < routes.size(); i++) {
            assertEquals("tenant=acme own=OK other=OK after=null", result.step(i), routes.get(i) + "\n" + result);
        }
    }

    @Test
    void aScopeLeftOpenByAPooledTaskIsReportedAndUndone() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy + ",mode=report", List.of(), Map.of(),
                PropagationApp.class.getName(), List.of(root.toString(), "leak"));

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("after=null", result.step(0), "the next task on the worker must not see the leaked tenant\n" + result);
        List<String> leaks = Files.readAllLines(PolicyFiles.jsonl(root)).stream()
                .filter(line -> line.contains("\"kind\":\"CONTEXT_LEAK\"")).collect(Collectors.toList());
        assertEquals(2, leaks.size(), "one line per distinct leak (the second knows where it was opened):\n" + leaks);
        for (String line : leaks) {
            assertTrue(line.contains("\"family\":\"context\""), line);
            assertTrue(line.contains("\"activeTenant\":\"globex\""), line);
            assertTrue(line.contains("\"action\":\"REPORTED\""), line);
            assertTrue(line.contains("\"message\":\"tenant globex was still in context on pool-"), line);
        }
        assertTrue(leaks.get(0).contains("\"callSite\":\"com.example.probe.PropagationApp\""), leaks.get(0));
        assertTrue(leaks.get(1).contains("\"callSite\":\"com.example.probe.PropagationApp.openAndForget(PropagationApp.java:"),
                leaks.get(1));
        assertTrue(leaks.get(1).contains("(opened at com.example.probe.PropagationApp.openAndForget("), leaks.get(1));
    }

    @Test
    void aScopeLeftOpenOnAForkJoinPoolATimerOrInACompletableFutureStageIsReportedAndUndone() throws Exception {
        List<String> routes = List.of("forkJoin", "completableFuture", "timer");
        List<String> args = new ArrayList<>();
        args.add(root.toString());
        routes.forEach(route -> args.add("leak:" + route));
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy + ",mode=report", List.of(), Map.of(),
                PropagationApp.class.getName(), args);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < routes.size(); i++) {
            assertEquals("after=null", result.step(i), routes.get(i) + "\n" + result);
        }
        // repeats of one (kind, rule, call site) are counted: the final count of each adds up to one per leak
        Map<String, Long> finalCounts = new java.util.HashMap<>();
        for (String line : Files.readAllLines(PolicyFiles.jsonl(root))) {
            if (line.contains("\"kind\":\"CONTEXT_LEAK\"")) {
                String key = line.replaceAll(".*\"callSite\":\"([^\"]*)\".*", "$1");
                long count = Long.parseLong(line.replaceAll(".*\"count\":(\\d+)}$", "$1"));
                finalCounts.merge(key, count, Math::max);
            }
        }
        assertEquals(routes.size(), finalCounts.values().stream().mapToLong(Long::longValue).sum(), finalCounts.toString());
    }

    @Test
    void withPropagationOffTasksRunWithoutTenant() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy + ",context.propagation=false", List.of(),
                Map.of(), PropagationApp.class.getName(), List.of(root.toString(), "submit", "threadStart", "commonPool"));

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals("tenant=null own=BLOCKED NO_TENANT active=null other=BLOCKED NO_TENANT active=null after=null",
                    result.step(i), result.toString());
        }
        assertTrue(result.stderr().contains("context not propagated"), result.stderr());
    }

    private void assertRoutesCarryTheTenant(List<String> routes, List<String> jvmOptions) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(root.toString());
        args.addAll(routes);
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + policy, jvmOptions, Map.of(),
                PropagationApp.class.getName(), args);

        assertEquals(0, result.exitCode(), result.toString());
        for (int i = 0; i < routes.size(); i++) {
            assertEquals(CARRIED, result.step(i), routes.get(i) + " " + jvmOptions + "\n" + result);
        }
    }
}
