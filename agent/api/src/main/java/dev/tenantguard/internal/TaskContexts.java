package dev.tenantguard.internal;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Contexts captured for objects whose identity the application keeps and that therefore cannot be
 * wrapped: a {@code ForkJoinTask} (joined, cancelled), a {@code TimerTask} (cancelled), a
 * {@code Thread} being started, a {@code Comparable} task (ordered in a priority queue). Weak keys: an entry never outlives its object. Only work handed
 * over with a tenant in context puts an entry; while a table is empty, a lookup is one volatile read.
 */
final class TaskContexts {
    static final TaskContexts FORK_JOIN_TASKS = new TaskContexts();
    static final TaskContexts TIMER_TASKS = new TaskContexts();
    static final TaskContexts STARTED_THREADS = new TaskContexts();
    /** Comparable tasks of a priority queue: a wrapper would not compare. */
    static final TaskContexts COMPARABLE_TASKS = new TaskContexts();

    private final Map<Object, CapturedContext> contexts = new WeakHashMap<Object, CapturedContext>();
    private volatile boolean any;

    private TaskContexts() {
    }

    void put(Object key, CapturedContext context) {
        synchronized (contexts) {
            contexts.put(key, context);
            any = true;
        }
    }

    /** The context of {@code key}, removed: a task that runs once. */
    CapturedContext take(Object key) {
        if (!any) {
            return null;
        }
        synchronized (contexts) {
            CapturedContext context = contexts.remove(key);
            if (contexts.isEmpty()) {
                any = false;
            }
            return context;
        }
    }

    /** The context of {@code key}, kept: a periodic task runs again. */
    CapturedContext get(Object key) {
        if (!any) {
            return null;
        }
        synchronized (contexts) {
            return contexts.get(key);
        }
    }

    /** Called on a new thread's first read of its state: takes the context it was started with. */
    static void adoptStarted(ThreadState state) {
        CapturedContext context = STARTED_THREADS.take(Thread.currentThread());
        if (context != null) {
            context.applyTo(state);
        }
    }
}
