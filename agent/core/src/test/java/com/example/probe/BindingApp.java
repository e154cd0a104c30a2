package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * The tenant of a unit of work is binding wherever the work goes: for each route, work handed over
 * as acme tries to open acme, globex, and globex inside {@code privileged}; then the scope stack,
 * synchronous completion stages and tasks run by another thread. Prints one line per step
 * ({@code STEP <name> <outcome>}).
 */
public final class BindingApp {
    private static final long TIMEOUT = 10;

    private BindingApp() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        Timer timer = new Timer("binding-timer", true);
        try {
            step("execute", asAcme(() -> {
                CompletableFuture<String> seen = new CompletableFuture<>();
                pool.execute(() -> seen.complete(inside()));
                return seen.get(TIMEOUT, TimeUnit.SECONDS);
            }));
            step("submit", asAcme(() -> pool.submit(BindingApp::inside).get(TIMEOUT, TimeUnit.SECONDS)));
            step("forkJoinSubmit", asAcme(() -> forkJoin.submit(BindingApp::inside).get(TIMEOUT, TimeUnit.SECONDS)));
            step("supplyAsync", asAcme(() -> CompletableFuture.supplyAsync(BindingApp::inside, pool)
                    .get(TIMEOUT, TimeUnit.SECONDS)));
            step("commonPool", asAcme(() -> CompletableFuture.supplyAsync(BindingApp::inside)
                    .get(TIMEOUT, TimeUnit.SECONDS)));
            step("threadStart", asAcme(() -> {
                CompletableFuture<String> seen = new CompletableFuture<>();
                new Thread(() -> seen.complete(inside())).start();
                return seen.get(TIMEOUT, TimeUnit.SECONDS);
            }));
            if (Runtime.version().feature() >= 21) {
                step("virtualThread", asAcme(() -> {
                    CompletableFuture<String> seen = new CompletableFuture<>();
                    Runnable task = () -> seen.complete(inside());
                    Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
                    return seen.get(TIMEOUT, TimeUnit.SECONDS);
                }));
            }
            step("timer", asAcme(() -> {
                CompletableFuture<String> seen = new CompletableFuture<>();
                timer.schedule(new TimerTask() {
                    @Override
                    public void run() {
                        seen.complete(inside());
                    }
                }, 0);
                return seen.get(TIMEOUT, TimeUnit.SECONDS);
            }));
            // work handed over with no tenant is bound to none
            step("noTenant", pool.submit(BindingApp::inside).get(TIMEOUT, TimeUnit.SECONDS));
            // work handed over inside privileged is privileged there
            step("privilegedSubmit", asAcme(() -> TenantContext.privileged("binding test",
                    () -> pool.submit(BindingApp::inside).get(TIMEOUT, TimeUnit.SECONDS))));
            // after all of it, the pool's threads are bound to nothing
            step("poolAfter", pool.submit(BindingApp::inside).get(TIMEOUT, TimeUnit.SECONDS));

            step("scopeStack", scopeStack());
            step("syncStageCompletedElsewhere", syncStageCompletedElsewhere(pool));
            step("syncStageAlreadyComplete", asAcme(() -> CompletableFuture.completedFuture(1)
                    .thenApply(x -> TenantContext.current()).get()));
            step("futureTaskRunElsewhere", futureTaskRunElsewhere(pool));
            step("runnableRunElsewhere", runnableRunElsewhere(pool));
        } finally {
            pool.shutdownNow();
            forkJoin.shutdownNow();
            timer.cancel();
        }
    }

    /** What work handed over as acme may open on the thread that runs it. */
    static String inside() {
        String tenant = TenantContext.current();
        return "tenant=" + tenant + " own=" + tryOpen("acme") + " other=" + tryOpen("globex") + " privileged="
                + privilegedOpen();
    }

    private static String tryOpen(String tenant) {
        try (TenantScope ignored = TenantContext.open(tenant)) {
            return "OPENED";
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind();
        }
    }

    private static String privilegedOpen() {
        try {
            return TenantContext.privileged("admin job", () -> tryOpen("globex"));
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Scopes close in stack order: an outer close closes the inner one; the inner close then revives nothing. */
    private static String scopeStack() {
        TenantScope outer = TenantContext.open("acme");
        TenantScope inner = TenantContext.open("initech");
        outer.close();
        String afterOuter = TenantContext.current();
        inner.close();
        return "afterOuter=" + afterOuter + " afterInner=" + TenantContext.current();
    }

    /**
     * A synchronous stage registered as acme on a future that a thread of globex completes: it runs
     * on the completing thread, in that thread's context.
     */
    private static String syncStageCompletedElsewhere(ExecutorService pool) throws Exception {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<String> stage;
        try (TenantScope ignored = TenantContext.open("acme")) {
            stage = source.thenApply(x -> TenantContext.current());
        }
        TenantContext.run("globex", () -> source.complete(1));
        return stage.get(TIMEOUT, TimeUnit.SECONDS);
    }

    /**
     * A FutureTask created as acme and run by a thread of globex runs as acme there (it carries its
     * creator's context), bound to it; the thread is globex again after it.
     */
    private static String futureTaskRunElsewhere(ExecutorService pool) throws Exception {
        FutureTask<String> task;
        try (TenantScope ignored = TenantContext.open("acme")) {
            task = new FutureTask<>(BindingApp::inside);
        }
        return TenantContext.call("globex", () -> {
            task.run();
            return task.get() + " after=" + TenantContext.current();
        });
    }

    /** A plain Runnable created as acme and called by a thread of globex is just a call there: globex. */
    private static String runnableRunElsewhere(ExecutorService pool) throws Exception {
        Callable<String> call;
        try (TenantScope ignored = TenantContext.open("acme")) {
            call = TenantContext::current;
        }
        return TenantContext.call("globex", call);
    }

    private static String asAcme(Callable<String> handOver) throws Exception {
        try (TenantScope ignored = TenantContext.open("acme")) {
            return handOver.call();
        }
    }

    private static void step(String name, String outcome) {
        System.out.println("STEP " + name + " " + outcome);
    }
}
