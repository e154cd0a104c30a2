package dev.tenantguard.agent.propagation;

import dev.tenantguard.agent.tooling.JdkWeaver;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.ContextHooks;
import dev.tenantguard.internal.ThreadState;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Proves after install that the tenant context travels: each probe hands a task to a real JDK
 * executor, thread or timer with a probe tenant in context, and the task must see it; a task handed
 * to the same one-thread pool afterwards without a tenant must see none (the worker the first task
 * created did not inherit it); a pooled task that leaves a tenant behind must not pass it to the next.
 * Costs a few threads for a few milliseconds at start.
 */
final class ExecutorSelfTest {
    private static final String PROBE = "tenant-guard-self-test";
    private static final long TIMEOUT_SECONDS = 10;

    private ExecutorSelfTest() {
    }

    static List<String> run(JdkWeaver weaver, AgentKey key) {
        List<String> failures = new ArrayList<>();
        ThreadState state = ThreadState.current();
        String saved = state.tenant();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "tenant-guard-self-test"));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "tenant-guard-self-test"));
        ForkJoinPool forkJoin = new ForkJoinPool(1);
        Timer timer = new Timer("tenant-guard-self-test", true);
        try {
            probe(failures, key, state, "ThreadPoolExecutor.execute", () -> {
                CompletableFuture<String> seen = new CompletableFuture<>();
                pool.execute(() -> seen.complete(current()));
                return seen.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            });
            workerPutBack(failures, key, pool);
            probe(failures, key, state, "ThreadPoolExecutor.submit",
                    () -> pool.submit(ExecutorSelfTest::current).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            probe(failures, key, state, "CompletableFuture.supplyAsync",
                    () -> CompletableFuture.supplyAsync(ExecutorSelfTest::current, pool).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            probe(failures, key, state, "ScheduledThreadPoolExecutor.schedule",
                    () -> scheduler.schedule(ExecutorSelfTest::current, 0, TimeUnit.MILLISECONDS).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            probe(failures, key, state, "ForkJoinPool.submit",
                    () -> forkJoin.submit(ExecutorSelfTest::current).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            probe(failures, key, state, "ForkJoinTask.fork", () -> forkJoin.invoke(new ForkedProbe(true)));
            probe(failures, key, state, "Thread.start", () -> {
                CompletableFuture<String> seen = new CompletableFuture<>();
                Thread thread = new Thread(() -> seen.complete(current()), "tenant-guard-self-test");
                thread.start();
                return seen.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            });
            probe(failures, key, state, "Timer.schedule", () -> {
                CompletableFuture<String> seen = new CompletableFuture<>();
                timer.schedule(new TimerTask() {
                    @Override
                    public void run() {
                        seen.complete(current());
                    }
                }, 0);
                return seen.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            });
        } finally {
            state.tenant(key, saved);
            pool.shutdownNow();
            scheduler.shutdownNow();
            forkJoin.shutdownNow();
            timer.cancel();
        }
        if (!weaver.weaves("java.util.concurrent.ThreadPoolExecutor", "runWorker")
                || !weaver.weaves("java.util.TimerThread", "mainLoop")) {
            failures.add("a pool's or a timer's worker is not put back after each task: a task could leave its tenant on it");
        }
        if (Runtime.version().feature() >= 21 && !weaver.weaves("java.lang.VirtualThread", "start")) {
            failures.add("java.lang.VirtualThread.start is not woven: virtual threads would start without the tenant");
        }
        return failures;
    }

    /**
     * Runs {@code handOver} with the probe tenant in context (it must arrive), then again without
     * (the pool's worker must not have kept it).
     */
    private static void probe(List<String> failures, AgentKey key, ThreadState state, String route, Probe handOver) {
        try {
            state.tenant(key, PROBE);
            String seen = handOver.run();
            if (!PROBE.equals(seen)) {
                failures.add(route + " does not carry the tenant (the task saw " + seen + ")");
                return;
            }
            state.tenant(key, null);
            String after = handOver.run();
            if (after != null) {
                failures.add(route + " left the tenant on the worker (a later task without tenant saw " + after + ")");
            }
        } catch (Exception | LinkageError e) {
            failures.add(route + " could not be probed (" + e + ")");
        } finally {
            state.tenant(key, null);
        }
    }

    /**
     * A pooled task that leaves a tenant on its worker: the next task must not see it. The leak this
     * provokes must not switch on the recording of open sites for the application.
     */
    private static void workerPutBack(List<String> failures, AgentKey key, ThreadPoolExecutor pool) {
        boolean tracking = ContextHooks.tracksOpenSites;
        try {
            pool.submit(() -> ThreadState.current().tenant(key, PROBE)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String after = pool.submit(ExecutorSelfTest::current).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (after != null) {
                failures.add("ThreadPoolExecutor does not put its worker back after a task (the next task saw " + after + ")");
            }
        } catch (Exception | LinkageError e) {
            failures.add("ThreadPoolExecutor worker clean-up could not be probed (" + e + ")");
        } finally {
            ContextHooks.tracksOpenSites = tracking;
        }
    }

    private static String current() {
        return ThreadState.current().tenant();
    }

    private interface Probe {
        String run() throws Exception;
    }

    /** A task that forks a child (run by the pool's worker or joined inline) and returns what the child saw. */
    private static final class ForkedProbe extends RecursiveTask<String> {
        private static final long serialVersionUID = 1L;
        private final boolean parent;

        ForkedProbe(boolean parent) {
            this.parent = parent;
        }

        @Override
        protected String compute() {
            return parent ? new ForkedProbe(false).fork().join() : current();
        }
    }
}
