package dev.tenantguard.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Contexts captured for objects whose identity the application keeps and that therefore cannot be
 * wrapped: a {@code ForkJoinTask} (joined, cancelled), a {@code TimerTask} (cancelled), a
 * {@code Thread} being started, a {@code Comparable} task (ordered in a priority queue). Weak keys, by
 * identity: an entry never outlives its object. Only work handed over with a tenant in context puts an
 * entry; while a table is empty, a lookup is one volatile read.
 *
 * <p>A lookup of an object that has no entry takes no lock: the JDK's own threads pass through here
 * too, and one must never wait. From JDK 24 the thread that reschedules virtual threads blocked on a
 * monitor ({@code VirtualThread-unblocker}) submits them through the woven {@code ForkJoinPool.execute}
 * and so reads its thread state for the first time here; had it waited for a lock that a virtual thread
 * it was to reschedule was queued on, no virtual thread blocked on a monitor would ever run again.
 */
final class TaskContexts {
    static final TaskContexts FORK_JOIN_TASKS = new TaskContexts();
    static final TaskContexts TIMER_TASKS = new TaskContexts();
    static final TaskContexts STARTED_THREADS = new TaskContexts();
    /** Comparable tasks of a priority queue: a wrapper would not compare. */
    static final TaskContexts COMPARABLE_TASKS = new TaskContexts();

    private final ConcurrentHashMap<Object, CapturedContext> contexts = new ConcurrentHashMap<Object, CapturedContext>();
    /** The keys whose object was collected: removed at the next put. */
    private final ReferenceQueue<Object> collected = new ReferenceQueue<Object>();
    /** How many entries: while none, a lookup is this one volatile read. */
    private final AtomicInteger size = new AtomicInteger();

    private TaskContexts() {
    }

    void put(Object key, CapturedContext context) {
        for (Object stale = collected.poll(); stale != null; stale = collected.poll()) {
            if (contexts.remove(stale) != null) {
                size.decrementAndGet();
            }
        }
        // counted before it can be looked up: a lookup that sees none never misses an entry put
        size.incrementAndGet();
        if (contexts.put(new WeakKey(key, collected), context) != null) {
            size.decrementAndGet(); // the same object handed over again: its entry replaced
        }
    }

    /** The context of {@code key}, removed: a task that runs once. */
    CapturedContext take(Object key) {
        if (size.get() == 0) {
            return null;
        }
        Lookup lookup = new Lookup(key);
        // the read takes no lock; only an object that has an entry goes on to remove it
        if (contexts.get(lookup) == null) {
            return null;
        }
        CapturedContext context = contexts.remove(lookup);
        if (context != null) {
            size.decrementAndGet();
        }
        return context;
    }

    /** The context of {@code key}, kept: a periodic task runs again. */
    CapturedContext get(Object key) {
        if (size.get() == 0) {
            return null;
        }
        return contexts.get(new Lookup(key));
    }

    /** Called on a new thread's first read of its state: takes the context it was started with. */
    static void adoptStarted(ThreadState state) {
        CapturedContext context = STARTED_THREADS.take(Thread.currentThread());
        if (context != null) {
            context.applyTo(state);
        }
    }

    /** A stored key: the object weakly, by identity. Equal to another key of the same live object. */
    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
            hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object referent = get();
            return referent != null && other instanceof WeakKey && ((WeakKey) other).get() == referent;
        }
    }

    /** The key of a lookup: never stored; the map compares it with the stored keys through its equals. */
    private static final class Lookup {
        private final Object key;
        private final int hash;

        Lookup(Object key) {
            this.key = key;
            hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakKey && ((WeakKey) other).get() == key;
        }
    }
}
