package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A stand-in application for the propagation tests: hands work to other threads by the route each
 * argument names, and prints what the work saw.
 *
 * <p>A route step {@code route} runs, as tenant {@code acme}, a task that reads acme's file and
 * globex's file under {@code <root>/tenants}, then hands the same route a task without tenant that
 * reports the tenant it sees (a pooled worker must be clean). Output:
 * {@code STEP i tenant=acme own=OK other=BLOCKED CROSS_TENANT active=acme after=null}. The step
 * {@code leak} runs, without tenant, a pooled task that opens a scope and never closes it, then a task
 * that reports the tenant it sees: {@code STEP i after=null}. The step {@code privileged:route} hands
 * the work over inside a privileged block of acme (both files allowed). Java 21+/25 APIs are called by
 * reflection: this class compiles for Java 17.
 */
public final class PropagationApp {
    private static Path root;
    private static final ThreadPoolExecutor POOL =
            new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    private static final ScheduledExecutorService SCHEDULER = Executors.newScheduledThreadPool(1);
    private static final ForkJoinPool FORK_JOIN = new ForkJoinPool(2);
    private static final Timer TIMER = new Timer("probe-timer", true);
    private static final LibraryExecutor LIBRARY = new LibraryExecutor();
    private static final ForkJoinPool SINGLE_FORK_JOIN = new ForkJoinPool(1);
    /** A thread outside every executor (an HTTP client's selector, a driver's I/O thread): it completes futures. */
    private static final LinkedBlockingQueue<Runnable> FOREIGN = new LinkedBlockingQueue<>();
    private static final ThreadPoolExecutor PRIORITY =
            new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new java.util.concurrent.PriorityBlockingQueue<>());
    private static final ThreadPoolExecutor PRESTARTED =
            new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());

    private PropagationApp() {
    }

    public static void main(String[] args) throws Exception {
        root = Path.of(args[0]);
        Thread foreign = new Thread(() -> {
            while (true) {
                try {
                    FOREIGN.take().run();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "foreign-completer");
        foreign.setDaemon(true);
        foreign.start();
        for (int i = 1; i < args.length; i++) {
            String outcome;
            try {
                outcome = args[i].equals("leak") ? leak()
                        : args[i].startsWith("leak:") ? leakOn(args[i].substring("leak:".length()))
                        : args[i].startsWith("privileged:") ? privileged(args[i].substring("privileged:".length()))
                        : route(args[i]);
            } catch (Exception | Error e) {
                outcome = "FAILED " + e;
            }
            System.out.println("STEP " + (i - 1) + " " + outcome);
        }
        POOL.shutdown();
        PRESTARTED.shutdown();
        PRIORITY.shutdown();
        SCHEDULER.shutdown();
        FORK_JOIN.shutdown();
        TIMER.cancel();
    }

    private static String route(String route) throws Exception {
        String seen = TenantContext.call("acme", () -> handOver(route, PropagationApp::fileAccess));
        String after = handOver(route, () -> String.valueOf(TenantContext.current()));
        return seen + " after=" + after;
    }

    /** As {@link #route}, the work handed over inside a privileged block of tenant acme. */
    private static String privileged(String route) throws Exception {
        String seen = TenantContext.call("acme",
                () -> TenantContext.privileged("nightly export", () -> handOver(route, PropagationApp::fileAccess)));
        String after = handOver(route, () -> TenantContext.current() + (TenantContext.isPrivileged() ? " privileged" : ""));
        return seen + " after=" + after;
    }

    /** What a tenant's task does: its own file must be allowed, the other tenant's blocked. */
    static String fileAccess() {
        return "tenant=" + TenantContext.current() + " own=" + read("acme") + " other=" + read("globex");
    }

    private static String read(String owner) {
        try {
            Files.readString(root.resolve("tenants").resolve(owner).resolve("data.txt"));
            return "OK";
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind() + " active=" + v.activeTenant();
        } catch (IOException e) {
            return "FAILED " + e;
        }
    }

    /** Runs {@code task} on the thread(s) {@code route} hands work to; returns what it returned. */
    private static String handOver(String route, Callable<String> task) throws Exception {
        switch (route) {
            case "execute": {
                CompletableFuture<String> result = new CompletableFuture<>();
                POOL.execute(() -> complete(result, task));
                return result.get(10, TimeUnit.SECONDS);
            }
            case "submit":
                return POOL.submit(task).get(10, TimeUnit.SECONDS);
            case "prestartedWorker":
                // the first call, as acme, starts the worker outside any submit
                PRESTARTED.prestartAllCoreThreads();
                return PRESTARTED.submit(task).get(10, TimeUnit.SECONDS);
            case "priorityQueue": {
                // its tasks must stay Comparable: a wrapper would break the queue
                CompletableFuture<String> result = new CompletableFuture<>();
                PRIORITY.execute(new PrioritizedTask(() -> complete(result, task)));
                return result.get(10, TimeUnit.SECONDS);
            }
            case "libraryExecutor": {
                CompletableFuture<String> result = new CompletableFuture<>();
                LIBRARY.execute(() -> complete(result, task));
                return result.get(10, TimeUnit.SECONDS);
            }
            case "submitRunnable": {
                String[] result = new String[1];
                POOL.submit(() -> result[0] = call(task)).get(10, TimeUnit.SECONDS);
                return result[0];
            }
            case "invokeAll":
                return POOL.invokeAll(List.of(task)).get(0).get();
            case "invokeAny":
                return POOL.invokeAny(List.of(task));
            case "schedule":
                return SCHEDULER.schedule(task, 5, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
            case "scheduleAtFixedRate":
                return periodic(task);
            case "forkJoinExecute": {
                CompletableFuture<String> result = new CompletableFuture<>();
                FORK_JOIN.execute(() -> complete(result, task));
                return result.get(10, TimeUnit.SECONDS);
            }
            case "forkJoinSubmit":
                return FORK_JOIN.submit(task).get(10, TimeUnit.SECONDS);
            case "forkJoinInvokeAll":
                return FORK_JOIN.invokeAll(List.of(task)).get(0).get();
            case "commonPool":
                return ForkJoinPool.commonPool().submit(task).get(10, TimeUnit.SECONDS);
            case "fork":
                return FORK_JOIN.invoke(new Fan(task, 8));
            case "commonPoolFork":
                return ForkJoinPool.commonPool().invoke(new Fan(task, 8));
            case "parallelStream":
                return same(IntStream.range(0, 64).parallel().mapToObj(i -> call(task)).collect(Collectors.toList()));
            case "supplyAsync":
                return CompletableFuture.supplyAsync(() -> call(task)).get(10, TimeUnit.SECONDS);
            case "supplyAsyncExecutor":
                return CompletableFuture.supplyAsync(() -> call(task), POOL).get(10, TimeUnit.SECONDS);
            case "runAsync": {
                String[] result = new String[1];
                CompletableFuture.runAsync(() -> result[0] = call(task)).get(10, TimeUnit.SECONDS);
                return result[0];
            }
            case "asyncChain":
                return CompletableFuture.supplyAsync(() -> 1)
                        .thenApplyAsync(i -> i + 1)
                        .thenComposeAsync(i -> CompletableFuture.supplyAsync(() -> i + 1, FORK_JOIN))
                        .thenApplyAsync(i -> call(task), POOL)
                        .thenApplyAsync(s -> s)
                        .get(10, TimeUnit.SECONDS);
            case "asyncAfterForeignCompletion": {
                // registered now, fired later by a thread that has no tenant: the stage keeps its creator's
                CompletableFuture<Integer> source = new CompletableFuture<>();
                CompletableFuture<String> onPool = source.thenApplyAsync(i -> call(task), POOL);
                CompletableFuture<String> onDefault = source.thenApplyAsync(i -> call(task));
                FOREIGN.add(() -> source.complete(1));
                return same(List.of(onPool.get(10, TimeUnit.SECONDS), onDefault.get(10, TimeUnit.SECONDS)));
            }
            case "threadStart": {
                CompletableFuture<String> result = new CompletableFuture<>();
                new Thread(() -> complete(result, task), "probe-thread").start();
                return result.get(10, TimeUnit.SECONDS);
            }
            case "timer": {
                CompletableFuture<String> result = new CompletableFuture<>();
                TIMER.schedule(new TimerTask() {
                    @Override
                    public void run() {
                        complete(result, task);
                    }
                }, 5);
                return result.get(10, TimeUnit.SECONDS);
            }
            case "virtualThread": {
                CompletableFuture<String> result = new CompletableFuture<>();
                Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
                start.invoke(builder, (Runnable) () -> {
                    try {
                        Thread.sleep(5); // parks and resumes the virtual thread first
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    complete(result, task);
                });
                return result.get(10, TimeUnit.SECONDS);
            }
            case "virtualThreadExecutor": {
                ExecutorService virtual = (ExecutorService) Executors.class
                        .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
                try {
                    return virtual.submit(task).get(10, TimeUnit.SECONDS);
                } finally {
                    virtual.shutdown();
                }
            }
            case "scopedValue":
                return scopedValue(task);
            case "structuredTaskScope":
                return structuredTaskScope(task);
            default:
                throw new IllegalArgumentException("unknown route " + route);
        }
    }

    /** Three runs of a periodic task; each must see the same. */
    private static String periodic(Callable<String> task) throws Exception {
        List<String> runs = new ArrayList<>();
        CompletableFuture<String> done = new CompletableFuture<>();
        ScheduledFuture<?> future = SCHEDULER.scheduleAtFixedRate(() -> {
            synchronized (runs) {
                runs.add(call(task));
                if (runs.size() == 3) {
                    done.complete(same(runs));
                }
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        try {
            return done.get(10, TimeUnit.SECONDS);
        } finally {
            future.cancel(false);
        }
    }

    /** Java 25: {@code ScopedValue.where(key, value).run(op)} with the task inside. */
    private static String scopedValue(Callable<String> task) throws Exception {
        Class<?> scopedValue = Class.forName("java.lang.ScopedValue");
        Object key = scopedValue.getMethod("newInstance").invoke(null);
        Object carrier = scopedValue.getMethod("where", scopedValue, Object.class).invoke(null, key, "request-1");
        String[] result = new String[1];
        carrier.getClass().getMethod("run", Runnable.class).invoke(carrier, (Runnable) () -> result[0] = call(task));
        return result[0];
    }

    /** Java 25 (preview): a {@code StructuredTaskScope} subtask, forked and joined. */
    private static String structuredTaskScope(Callable<String> task) throws Exception {
        Class<?> scopeType = Class.forName("java.util.concurrent.StructuredTaskScope");
        try (AutoCloseable scope = (AutoCloseable) scopeType.getMethod("open").invoke(null)) {
            Object subtask = scopeType.getMethod("fork", Callable.class).invoke(scope, task);
            scopeType.getMethod("join").invoke(scope);
            Method get = Class.forName("java.util.concurrent.StructuredTaskScope$Subtask").getMethod("get");
            return (String) get.invoke(subtask);
        }
    }

    /**
     * A pooled task without tenant that opens one and never closes it, executed then submitted (the
     * second report says where it was opened), then a task that reports what it sees on the same worker.
     */
    private static String leak() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        POOL.execute(() -> {
            openAndForget();
            first.complete(null);
        });
        first.get(10, TimeUnit.SECONDS);
        POOL.submit(PropagationApp::openAndForget).get(10, TimeUnit.SECONDS);
        return "after=" + POOL.submit(() -> String.valueOf(TenantContext.current())).get(10, TimeUnit.SECONDS);
    }

    /**
     * On a one-thread fork-join pool, the timer, or as a CompletableFuture stage on that pool: a task
     * that leaves a scope open, then a task without tenant on the same thread.
     */
    private static String leakOn(String route) throws Exception {
        Callable<String> leaking = () -> {
            openAndForget();
            return "leaked";
        };
        Callable<String> probe = () -> String.valueOf(TenantContext.current());
        switch (route) {
            case "forkJoin":
                SINGLE_FORK_JOIN.submit(leaking).get(10, TimeUnit.SECONDS);
                return "after=" + SINGLE_FORK_JOIN.submit(probe).get(10, TimeUnit.SECONDS);
            case "completableFuture":
                CompletableFuture.supplyAsync(() -> call(leaking), SINGLE_FORK_JOIN).get(10, TimeUnit.SECONDS);
                return "after=" + CompletableFuture.supplyAsync(() -> call(probe), SINGLE_FORK_JOIN).get(10, TimeUnit.SECONDS);
            case "timer":
                handOver("timer", leaking);
                return "after=" + handOver("timer", probe);
            default:
                throw new IllegalArgumentException("unknown leak route " + route);
        }
    }

    private static void openAndForget() {
        TenantContext.open("globex");
    }

    private static void complete(CompletableFuture<String> result, Callable<String> task) {
        try {
            result.complete(task.call());
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    private static String call(Callable<String> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String same(List<String> results) {
        TreeSet<String> distinct = new TreeSet<>(results);
        return distinct.size() == 1 ? distinct.first() : "DIFFERENT " + distinct;
    }

    /** A task of a priority queue. */
    private static final class PrioritizedTask implements Runnable, Comparable<PrioritizedTask> {
        private final Runnable body;

        PrioritizedTask(Runnable body) {
            this.body = body;
        }

        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(PrioritizedTask other) {
            return 0;
        }
    }

    /** Forks {@code width} children, each running the task; all must see the same. */
    private static final class Fan extends RecursiveTask<String> {
        private static final long serialVersionUID = 1L;
        private final transient Callable<String> task;
        private final int width;

        Fan(Callable<String> task, int width) {
            this.task = task;
            this.width = width;
        }

        @Override
        protected String compute() {
            if (width == 0) {
                try {
                    Thread.sleep(2); // long enough for the other worker to steal siblings
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return call(task);
            }
            List<Fan> children = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                children.add(new Fan(task, 0));
            }
            children.forEach(Fan::fork);
            return same(children.stream().map(Fan::join).collect(Collectors.toList()));
        }
    }
}
