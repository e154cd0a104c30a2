package dev.tenantguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.api.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hooks the propagation advice calls, on one thread, without the agent. */
class ContextHooksTest {
    private final List<String> leaks = new ArrayList<>();

    @AfterEach
    void reset() {
        ContextHooks.probe(AgentKey.KEY, null);
        ContextHooks.tracksOpenSites = false;
        ThreadState.current().tenant = null;
        ThreadState.current().privileged = 0;
    }

    @Test
    void withoutTenantATaskIsHandedOverAsItIs() {
        Runnable task = () -> { };
        Callable<String> callable = () -> "x";
        ThreadState s = ThreadState.current();

        assertSame(task, ContextHooks.task(task, s, null));
        assertSame(callable, ContextHooks.callable(callable, s));
    }

    @Test
    void withATenantTheTaskRunsWithItAndTheWorkerIsPutBack() throws Exception {
        Runnable task;
        Callable<String> callable;
        try (var scope = TenantContext.open("acme")) {
            task = ContextHooks.task(() -> assertEquals("acme", TenantContext.current()), ThreadState.current(), null);
            callable = ContextHooks.callable(TenantContext::current, ThreadState.current());
        }
        assertInstanceOf(ContextTask.class, task);

        try (var worker = TenantContext.open("globex")) {
            task.run();
            assertEquals("acme", callable.call());
            assertEquals("globex", TenantContext.current(), "the worker's own tenant is back after the task");
        }
    }

    @Test
    void aTaskAlreadyCarryingItsContextIsNotWrappedAgain() {
        try (var scope = TenantContext.open("acme")) {
            ThreadState s = ThreadState.current();
            Runnable once = ContextHooks.task(() -> { }, s, null);
            FutureTask<String> future = new FutureTask<>(() -> "x");

            assertSame(once, ContextHooks.task(once, s, null));
            assertSame(future, ContextHooks.task(future, s, null));
        }
    }

    @Test
    void privilegedWorkStaysPrivilegedWhereItRuns() throws Exception {
        Callable<Boolean> callable = TenantContext.privileged("export",
                () -> ContextHooks.callable(TenantContext::isPrivileged, ThreadState.current()));

        assertTrue(callable.call());
        assertEquals(0, ThreadState.current().privileged);
    }

    @Test
    void aScopeLeftOpenIsReportedAndUndone() {
        ContextHooks.probe(AgentKey.KEY, (tenant, thread, task, site) -> leaks.add(tenant + " " + (site != null)));

        ContextHooks.runPooled(() -> TenantContext.open("globex"));
        assertNull(TenantContext.current(), "the worker is put back");
        ContextHooks.runPooled(() -> TenantContext.open("globex"));

        assertEquals(List.of("globex false", "globex true"), leaks,
                "the first leak switches on the recording of where scopes are opened");
    }

    @Test
    void aTaskThatClosesWhatItOpensIsNoLeak() {
        ContextHooks.probe(AgentKey.KEY, (tenant, thread, task, site) -> leaks.add(tenant));

        ContextHooks.runPooled(() -> TenantContext.run("globex", () -> { }));

        assertEquals(List.of(), leaks);
        assertTrue(!ContextHooks.tracksOpenSites);
    }
}
