package dev.tenantguard.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of contexts kept beside objects that cannot be wrapped: by identity, taken once, weakly held. */
class TaskContextsTest {
    private final CapturedContext acme = new CapturedContext("acme", 0);

    @Test
    void anEntryIsFoundByIdentityKeptByGetAndGoneAfterTake() {
        List<String> task = new ArrayList<>();
        List<String> equalTask = new ArrayList<>(); // equal, another object: no context of its own
        TaskContexts.TIMER_TASKS.put(task, acme);

        assertNull(TaskContexts.TIMER_TASKS.take(equalTask));
        assertSame(acme, TaskContexts.TIMER_TASKS.get(task));
        assertSame(acme, TaskContexts.TIMER_TASKS.take(task));
        assertNull(TaskContexts.TIMER_TASKS.take(task));
        assertNull(TaskContexts.TIMER_TASKS.get(task));
    }

    @Test
    void anEntryDoesNotKeepItsObjectAlive() throws InterruptedException {
        WeakReference<Object> task = putForAnObjectNobodyKeeps();
        for (int i = 0; i < 50 && task.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(task.get() == null, "the object of an entry was kept alive by it");
        // the next put removes the collected entry; a lookup of another object still finds nothing
        Object other = new Object();
        TaskContexts.TIMER_TASKS.put(other, acme);
        assertNull(TaskContexts.TIMER_TASKS.take(new Object()));
        assertSame(acme, TaskContexts.TIMER_TASKS.take(other));
    }

    private WeakReference<Object> putForAnObjectNobodyKeeps() {
        Object task = new Object();
        TaskContexts.TIMER_TASKS.put(task, acme);
        return new WeakReference<>(task);
    }
}
