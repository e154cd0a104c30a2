package dev.tenantguard.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Entry points of the propagation advice: the tenant context is captured where work is handed to
 * another thread and restored around the work there; after it, the thread is put back as it was.
 *
 * <p>Without a tenant in context (and outside privileged blocks) a submit costs one thread-local
 * read and allocates nothing. With one, a task costs one small capture object: the task is wrapped
 * ({@link ContextTask}, {@link ContextCallable}), or — for objects the application keeps and joins
 * or cancels — its context is kept beside it ({@link TaskContexts}).
 */
public final class ContextHooks {
    /**
     * A virtual thread that parks and resumes hands its continuation to its scheduler: that is the
     * same thread going on, which keeps its own state; nothing to capture.
     */
    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    private static volatile ContextGuard guard;
    private static boolean installed;
    /**
     * Set after the first context leak: from then on {@code TenantContext.open} records where each
     * scope is opened (a stack trace per open), so later leaks say where. Plain static: a late
     * read only delays that by a few opens.
     */
    public static boolean tracksOpenSites;

    private ContextHooks() {
    }

    /**
     * Installs the agent's context checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, ContextGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the context guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** The agent's self-test: a probe guard (or {@code null}) before {@link #install}; refused after it. */
    public static synchronized void probe(AgentKey key, ContextGuard g) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the context guard is installed; refused");
        }
        guard = g;
    }

    // ---- submit side ----

    /** Enter of an executor call: threads it starts are pool workers and inherit nothing. */
    public static ThreadState submitting() {
        ThreadState s = ThreadState.current();
        s.submitting++;
        return s;
    }

    /** Exit of {@link #submitting()}; runs also when the call threw. */
    public static void submitted(ThreadState s) {
        s.submitting--;
    }

    /**
     * A task handed to an executor: itself without context, else wrapped with it (or with the
     * context kept beside it when it was created).
     */
    public static Runnable task(Runnable task, ThreadState s, Object executor) {
        if (task instanceof ForkJoinTask) {
            // an async stage of a CompletableFuture fired by whichever thread completed its source:
            // the context of the code that registered the stage wins
            CapturedContext registered = TaskContexts.FORK_JOIN_TASKS.take(task);
            if (registered != null) {
                return new ContextTask(task, registered.tenant, registered.privileged);
            }
        }
        if (task == null || !CapturedContext.hasContext(s) || task instanceof ContextTask
                || task instanceof FutureTask // carries the context of its creation
                || task.getClass().getName().startsWith(VIRTUAL_THREAD)) { // a virtual thread's continuation
            return task;
        }
        if (task instanceof Comparable && executor instanceof ThreadPoolExecutor) {
            // its priority queue compares the tasks: keep the task, and its context beside it for runPooled
            TaskContexts.COMPARABLE_TASKS.put(task, CapturedContext.of(s));
            return task;
        }
        return new ContextTask(task, s.tenant, s.privileged > 0 ? 1 : 0);
    }

    /** A callable handed to an executor: itself without context, else wrapped with it. */
    public static <V> Callable<V> callable(Callable<V> task, ThreadState s) {
        if (task == null || !CapturedContext.hasContext(s) || task instanceof ContextCallable) {
            return task;
        }
        return new ContextCallable<V>(task, s.tenant, s.privileged > 0 ? 1 : 0);
    }

    /** {@code invokeAll} / {@code invokeAny}: each callable wrapped (a new list), or the same collection. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Collection callables(Collection tasks, ThreadState s) {
        if (tasks == null || !CapturedContext.hasContext(s)) {
            return tasks;
        }
        List wrapped = new ArrayList(tasks.size());
        for (Object task : tasks) {
            wrapped.add(callable((Callable) task, s));
        }
        return wrapped;
    }

    /** {@code FutureTask}'s constructors: the callable it will run carries the creator's context. */
    public static <V> Callable<V> futureTask(Callable<V> callable) {
        return callable(callable, ThreadState.current());
    }

    /** {@code ForkJoinTask.fork} and the pool's methods that take a {@code ForkJoinTask}. */
    public static void forkJoinTask(ForkJoinTask<?> task) {
        ThreadState s = ThreadState.current();
        if (task != null && CapturedContext.hasContext(s)) {
            TaskContexts.FORK_JOIN_TASKS.put(task, CapturedContext.of(s));
        }
    }

    /**
     * {@code CompletableFuture.UniCompletion}'s constructor: an async stage (one with an executor)
     * keeps its creator's context.
     */
    public static void asyncStage(ForkJoinTask<?> stage, java.util.concurrent.Executor executor) {
        if (executor != null) {
            forkJoinTask(stage);
        }
    }

    /** {@code Timer.sched}: every schedule and scheduleAtFixedRate of a {@code TimerTask}. */
    public static void timerTask(TimerTask task) {
        ThreadState s = ThreadState.current();
        if (task != null && CapturedContext.hasContext(s)) {
            TaskContexts.TIMER_TASKS.put(task, CapturedContext.of(s));
        }
    }

    /**
     * {@code Thread.start}: the new thread starts with the starter's context — unless it is a pool's
     * worker (started inside an executor call, or a fork-join worker) or a thread of the JDK's own
     * (timer, cleaner, HTTP client selector …): those outlive the tenant's work and would keep its
     * tenant for unrelated work.
     */
    public static void threadStarting(Thread thread) {
        ThreadState s = ThreadState.current();
        if (thread == null || !CapturedContext.hasContext(s) || s.submitting > 0 || isInfrastructure(thread)) {
            return;
        }
        TaskContexts.STARTED_THREADS.put(thread, CapturedContext.of(s));
    }

    private static boolean isInfrastructure(Thread thread) {
        if (thread instanceof ForkJoinWorkerThread) {
            return true;
        }
        String type = thread.getClass().getName();
        if (type.equals("java.lang.Thread") || type.equals("java.lang.VirtualThread")
                || type.equals("java.lang.ThreadBuilders$BoundVirtualThread")) {
            return false;
        }
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.");
    }

    // ---- worker side ----

    /**
     * {@code ThreadPoolExecutor.runWorker} calls this instead of {@code task.run()}: whatever the
     * task leaves on the worker is undone after it, and a scope it left open is reported. A
     * {@code Comparable} task gets the context kept beside it at submit.
     */
    public static void runPooled(Runnable task) {
        ThreadState s = ThreadState.current();
        String previousTenant = s.tenant;
        int previousPrivileged = s.privileged;
        Throwable previousSite = s.openSite;
        String previousBound = s.boundTenant;
        ScopeFrame previousTop = s.scopeTop;
        String applied = previousTenant;
        CapturedContext context = task instanceof Comparable ? TaskContexts.COMPARABLE_TASKS.take(task) : null;
        if (context != null) {
            context.applyTo(s);
            applied = context.tenant;
        }
        try {
            task.run();
        } finally {
            ended(s, applied, previousTenant, previousPrivileged, previousSite, previousBound, previousTop, task);
        }
    }

    /** {@code TimerThread.mainLoop} calls this instead of {@code task.run()}. */
    public static void runTimerTask(TimerTask task) {
        ThreadState s = ThreadState.current();
        String previousTenant = s.tenant;
        int previousPrivileged = s.privileged;
        Throwable previousSite = s.openSite;
        String previousBound = s.boundTenant;
        ScopeFrame previousTop = s.scopeTop;
        CapturedContext context = TaskContexts.TIMER_TASKS.get(task);
        String applied = previousTenant;
        if (context != null) {
            context.applyTo(s);
            applied = context.tenant;
        }
        try {
            task.run();
        } finally {
            ended(s, applied, previousTenant, previousPrivileged, previousSite, previousBound, previousTop, task);
        }
    }

    /**
     * Enter of {@code ForkJoinTask.doExec}: applies the context the task was forked or submitted
     * with, if any. Returns what {@link #forkJoinTaskEnded} needs to put the worker back: {@code null}
     * when the worker had no context and the task brings none (no allocation), else a {@link Resume}
     * that only this class makes.
     */
    public static Object forkJoinTaskStarting(ForkJoinTask<?> task) {
        ThreadState s = ThreadState.current();
        CapturedContext context = TaskContexts.FORK_JOIN_TASKS.take(task);
        if (context == null && !CapturedContext.hasContext(s) && s.openSite == null && s.boundTenant == null
                && s.scopeTop == null) {
            return null;
        }
        Resume resume = new Resume(s.tenant, s.privileged, s.openSite, s.boundTenant, s.scopeTop,
                context == null ? s.tenant : context.tenant);
        if (context != null) {
            context.applyTo(s);
        }
        return resume;
    }

    /** Exit of {@code ForkJoinTask.doExec}, with what {@link #forkJoinTaskStarting} returned. */
    public static void forkJoinTaskEnded(Object started, ForkJoinTask<?> task) {
        ThreadState s = ThreadState.current();
        if (started instanceof Resume) {
            Resume r = (Resume) started;
            ended(s, r.applied, r.tenant, r.privileged, r.openSite, r.boundTenant, r.scopeTop, task);
        } else {
            // nothing to restore but a tenant the task left: dropped, and reported
            ended(s, null, null, 0, null, null, null, task);
        }
    }

    /** How a fork-join worker was before a task: made only here, so no caller can forge a restore. */
    private static final class Resume {
        final String tenant;
        final int privileged;
        final Throwable openSite;
        final String boundTenant;
        final ScopeFrame scopeTop;
        final String applied;

        Resume(String tenant, int privileged, Throwable openSite, String boundTenant, ScopeFrame scopeTop,
                String applied) {
            this.tenant = tenant;
            this.privileged = privileged;
            this.openSite = openSite;
            this.boundTenant = boundTenant;
            this.scopeTop = scopeTop;
            this.applied = applied;
        }
    }

    /**
     * End of a unit of work that ran with {@code applied} as its tenant: a different tenant still
     * in context is a scope the work opened and did not close — reported, never thrown — and the
     * thread goes back to the state it had before the work.
     */
    static void ended(ThreadState s, String applied, String previousTenant, int previousPrivileged,
            Throwable previousSite, String previousBound, ScopeFrame previousTop, Object task) {
        String left = s.tenant;
        Throwable site = s.openSite;
        s.tenant = previousTenant;
        s.privileged = previousPrivileged;
        s.openSite = previousSite;
        s.boundTenant = previousBound;
        s.scopeTop = previousTop;
        if (left != null && !left.equals(applied)) {
            leaked(s, left, task, site);
        }
    }

    private static void leaked(ThreadState s, String tenant, Object task, Throwable site) {
        tracksOpenSites = true;
        ContextGuard g = guard;
        if (g == null || s.busy) {
            return;
        }
        s.busy = true;
        try {
            g.leak(tenant, Thread.currentThread(), task, site);
        } catch (Throwable t) {
            AgentErrors.internalError(t);
        } finally {
            s.busy = false;
        }
    }
}
