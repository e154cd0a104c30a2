package dev.tenantguard.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.bootstrap.ContextHooks;
import dev.tenantguard.bootstrap.ThreadState;
import java.util.Collection;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinTask;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.MemberSubstitution;

/**
 * Propagation of the tenant context to work run on other threads: captured where the work is
 * handed over, restored around it, and the thread put back as it was after it.
 * <ul>
 * <li>Submit side, on every class that implements {@code java.util.concurrent.Executor} — the JDK's
 *     (ThreadPoolExecutor, ScheduledThreadPoolExecutor, ForkJoinPool, ThreadPerTaskExecutor, the
 *     {@code Executors} wrappers, CompletableFuture's own) and any library's, as it loads:
 *     {@code execute(Runnable)}, {@code submit(Runnable)}, {@code submit(Runnable, T)},
 *     {@code submit(Callable)}, {@code schedule(Runnable|Callable, …)},
 *     {@code scheduleAtFixedRate}, {@code scheduleWithFixedDelay}, {@code invokeAll},
 *     {@code invokeAny} — the task is wrapped when a tenant is in context. CompletableFuture's
 *     async stages ({@code supplyAsync}, {@code runAsync}, every {@code *Async}, with or without
 *     executor) reach an executor's {@code execute} this way.</li>
 * <li>{@code CompletableFuture.UniCompletion}'s constructor: an async stage registered on a future
 *     not yet complete keeps its creator's context for when another thread completes the future.</li>
 * <li>{@code FutureTask}'s constructors: the callable carries the creator's context (submit,
 *     invokeAll/invokeAny of AbstractExecutorService, every ScheduledThreadPoolExecutor task, periodic
 *     ones on each run).</li>
 * <li>{@code ForkJoinTask.fork()}, and {@code ForkJoinPool.execute/submit/invoke(ForkJoinTask)}: the context is kept beside the task; {@code ForkJoinTask.doExec()}
 *     applies it and restores the worker after every fork-join task.</li>
 * <li>{@code Thread.start()} (and on 21+ {@code start(ThreadContainer)}, and {@code VirtualThread}'s,
 *     {@code ThreadBuilders.BoundVirtualThread}'s):
 *     the new thread starts with the starter's context — platform and virtual threads,
 *     {@code Thread.Builder}, structured concurrency subtasks — except pool workers and the JDK's
 *     own threads.</li>
 * <li>{@code java.util.Timer.sched} (every {@code schedule}/{@code scheduleAtFixedRate}) and, in
 *     {@code TimerThread.mainLoop}, the call of {@code TimerTask.run()}.</li>
 * <li>{@code ThreadPoolExecutor.runWorker}: its call of {@code task.run()} goes through
 *     {@link ContextHooks#runPooled}, so a worker is back to its own state after every task;
 *     {@code ThreadPoolExecutor.addWorker} marks the worker threads it starts, which inherit
 *     nothing.</li>
 * </ul>
 */
final class ExecutorInstrumentation {
    /** The JDK classes instrumented here, loaded before install so that all are transformed in one pass. */
    static final String[] JDK_TYPES = {
        "java.util.concurrent.AbstractExecutorService", "java.util.concurrent.ThreadPoolExecutor",
        "java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.ForkJoinPool",
        "java.util.concurrent.ForkJoinTask", "java.util.concurrent.FutureTask", "java.util.concurrent.CompletableFuture",
        "java.util.concurrent.CompletableFuture$UniCompletion",
        "java.util.concurrent.Executors", "java.util.concurrent.ThreadPerTaskExecutor", "java.lang.VirtualThread",
        "java.util.Timer", "java.util.TimerThread",
    };

    private ExecutorInstrumentation() {
    }

    static AgentBuilder install(AgentBuilder builder) {
        return builder
                .type(isSubTypeOf(Executor.class).and(not(isInterface())))
                .transform(Transformers.advice(SubmitRunnable.class, Submitted.class,
                        namedOneOf("execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")
                                .and(takesArgument(0, Runnable.class)).and(not(isAbstract()))))
                .transform(Transformers.advice(SubmitCallable.class, Submitted.class,
                        namedOneOf("submit", "schedule").and(takesArgument(0, Callable.class)).and(not(isAbstract()))))
                .transform(Transformers.advice(SubmitCallables.class, Submitted.class,
                        namedOneOf("invokeAll", "invokeAny").and(takesArgument(0, Collection.class))
                                .and(not(isAbstract()))))
                .type(named("java.util.concurrent.ThreadPoolExecutor"))
                .transform(Transformers.advice(WorkerStart.class, Submitted.class, named("addWorker")))
                .transform((b, type, loader, module, domain) -> b.visit(MemberSubstitution.relaxed()
                        .method(named("run").and(takesArguments(0)).and(isDeclaredBy(Runnable.class)))
                        .replaceWith(hook("runPooled", Runnable.class))
                        .on(named("runWorker"))))
                .type(named("java.util.concurrent.FutureTask"))
                .transform(Transformers.advice(FutureTaskCreated.class, isConstructor()))
                .type(named("java.util.concurrent.CompletableFuture$UniCompletion"))
                .transform(Transformers.advice(AsyncStageCreated.class, isConstructor()))
                .type(named("java.util.concurrent.ForkJoinTask"))
                .transform(Transformers.advice(Forked.class, named("fork").and(takesArguments(0))))
                .transform(Transformers.advice(ForkJoinTaskRun.class, named("doExec").and(takesArguments(0))))
                .type(named("java.util.concurrent.ForkJoinPool"))
                .transform(Transformers.advice(ForkJoinTaskSubmitted.class,
                        // not externalSubmit/lazySubmit (19+): the virtual thread scheduler resumes threads with them
                        namedOneOf("execute", "submit", "invoke")
                                .and(takesArgument(0, ForkJoinTask.class))))
                // the JDK's Thread classes that declare start (others inherit it), not every thread class
                .type(namedOneOf("java.lang.Thread", "java.lang.VirtualThread", "java.lang.ThreadBuilders$BoundVirtualThread"))
                .transform(Transformers.advice(ThreadStart.class,
                        named("start").and(not(isAbstract())).and(not(isNative()))))
                .type(named("java.util.Timer"))
                .transform(Transformers.advice(TimerScheduled.class, named("sched")))
                .type(named("java.util.TimerThread"))
                .transform((b, type, loader, module, domain) -> b.visit(MemberSubstitution.relaxed()
                        .method(named("run").and(takesArguments(0)).and(isDeclaredBy(TimerTask.class)))
                        .replaceWith(hook("runTimerTask", TimerTask.class))
                        .on(named("mainLoop"))));
    }

    private static java.lang.reflect.Method hook(String name, Class<?> parameter) {
        try {
            return ContextHooks.class.getMethod(name, parameter);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** execute(Runnable), submit(Runnable[, T]), schedule(Runnable, …), scheduleAtFixedRate, scheduleWithFixedDelay. */
    static final class SubmitRunnable {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This Object executor, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            ThreadState s = ContextHooks.submitting();
            task = ContextHooks.task(task, s, executor);
            return s;
        }
    }

    /** submit(Callable), schedule(Callable, …). */
    static final class SubmitCallable {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
            ThreadState s = ContextHooks.submitting();
            task = ContextHooks.callable(task, s);
            return s;
        }
    }

    /** invokeAll(Collection[, …]), invokeAny(Collection[, …]). */
    static final class SubmitCallables {
        @Advice.OnMethodEnter
        @SuppressWarnings("rawtypes")
        static ThreadState enter(@Advice.Argument(value = 0, readOnly = false) Collection tasks) {
            ThreadState s = ContextHooks.submitting();
            tasks = ContextHooks.callables(tasks, s);
            return s;
        }
    }

    /** ThreadPoolExecutor.addWorker(Runnable, boolean): the worker thread it starts inherits nothing. */
    static final class WorkerStart {
        @Advice.OnMethodEnter
        static ThreadState enter() {
            return ContextHooks.submitting();
        }
    }

    /** The exit of every advice above: ends the executor call. */
    static final class Submitted {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter ThreadState state) {
            ContextHooks.submitted(state);
        }
    }

    /** FutureTask(Callable), FutureTask(Runnable, V). */
    static final class FutureTaskCreated {
        @Advice.OnMethodExit
        @SuppressWarnings("rawtypes")
        static void exit(@Advice.FieldValue(value = "callable", readOnly = false) Callable callable) {
            callable = ContextHooks.futureTask(callable);
        }
    }

    /**
     * CompletableFuture.UniCompletion(executor, dep, src), and so every async stage (thenApplyAsync,
     * thenCombineAsync …) registered on a future not yet complete: it keeps its creator's context,
     * whichever thread completes the future and fires it.
     */
    static final class AsyncStageCreated {
        @Advice.OnMethodExit
        static void exit(@Advice.This ForkJoinTask<?> stage, @Advice.FieldValue("executor") Executor executor) {
            if (executor != null) {
                ContextHooks.forkJoinTask(stage);
            }
        }
    }

    /** ForkJoinTask.fork(). */
    static final class Forked {
        @Advice.OnMethodEnter
        static void enter(@Advice.This ForkJoinTask<?> task) {
            ContextHooks.forkJoinTask(task);
        }
    }

    /** ForkJoinPool.execute / submit / invoke (ForkJoinTask). */
    static final class ForkJoinTaskSubmitted {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) ForkJoinTask<?> task) {
            ContextHooks.forkJoinTask(task);
        }
    }

    /** ForkJoinTask.doExec(): every fork-join task a pool (or a joining thread) runs. */
    static final class ForkJoinTaskRun {
        @Advice.OnMethodEnter
        static void enter(@Advice.This ForkJoinTask<?> task, @Advice.Local("state") ThreadState state,
                @Advice.Local("tenant") String tenant, @Advice.Local("privileged") int privileged,
                @Advice.Local("site") Throwable site, @Advice.Local("applied") String applied) {
            state = ThreadState.current();
            tenant = state.tenant;
            privileged = state.privileged;
            site = state.openSite;
            applied = ContextHooks.forkJoinTaskStarting(task, state);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This ForkJoinTask<?> task, @Advice.Local("state") ThreadState state,
                @Advice.Local("tenant") String tenant, @Advice.Local("privileged") int privileged,
                @Advice.Local("site") Throwable site, @Advice.Local("applied") String applied) {
            ContextHooks.ended(state, applied, tenant, privileged, site, task);
        }
    }

    /** Thread.start(), Thread.start(ThreadContainer) and VirtualThread's overrides (21+). */
    static final class ThreadStart {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Thread thread) {
            ContextHooks.threadStarting(thread);
        }
    }

    /** Timer.sched(TimerTask, time, period): every schedule and scheduleAtFixedRate. */
    static final class TimerScheduled {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) TimerTask task) {
            ContextHooks.timerTask(task);
        }
    }
}
