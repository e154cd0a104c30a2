package dev.tenantguard.agent.propagation;

import static dev.tenantguard.agent.tooling.MethodWeave.methods;
import static dev.tenantguard.agent.tooling.Source.argument;
import static dev.tenantguard.agent.tooling.Source.field;
import static dev.tenantguard.agent.tooling.Source.local;
import static dev.tenantguard.agent.tooling.Source.self;

import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.HookCall;
import dev.tenantguard.agent.tooling.MethodWeave;
import java.util.ArrayList;
import java.util.List;

/**
 * Propagation of the tenant context through the JDK's hand-overs of work to other threads:
 * captured where work is handed over, restored around it, the thread put back after it (see
 * {@code ContextHooks}). Executors of libraries, which load later, are the library
 * instrumentation's.
 */
final class ContextWeaves {
    /**
     * The JDK's executors, 17 to 25 (classes a JDK lacks never load): those that hand tasks to other
     * threads, and the wrappers in front of them — an async stage fired by a thread without a tenant
     * is matched with its creator's context at the first executor it reaches.
     */
    static final String[] EXECUTORS = {
        "java/util/concurrent/AbstractExecutorService", "java/util/concurrent/ThreadPoolExecutor",
        "java/util/concurrent/ScheduledThreadPoolExecutor", "java/util/concurrent/ForkJoinPool",
        "java/util/concurrent/ThreadPerTaskExecutor", "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
        "java/util/concurrent/CompletableFuture$DelayedExecutor", "java/util/concurrent/SubmissionPublisher$ThreadPerTaskExecutor",
        "java/util/concurrent/Executors$DelegatedExecutorService",
        "java/util/concurrent/Executors$DelegatedScheduledExecutorService", "sun/nio/ch/AsynchronousChannelGroupImpl",
        "jdk/internal/net/http/HttpClientImpl$DelegatingExecutor", "jdk/internal/net/http/PrivilegedExecutor",
        "sun/net/httpserver/ServerImpl$DefaultExecutor",
    };
    private static final String HOOKS = "dev/tenantguard/internal/ContextHooks";
    private static final String STATE_TYPE = "dev/tenantguard/internal/ThreadState";
    private static final String STATE = "L" + STATE_TYPE + ";";
    private static final String RUNNABLE = "Ljava/lang/Runnable;";
    private static final String CALLABLE = "Ljava/util/concurrent/Callable;";
    private static final String COLLECTION = "Ljava/util/Collection;";
    private static final String FORK_JOIN_TASK = "Ljava/util/concurrent/ForkJoinTask;";

    private ContextWeaves() {
    }

    static List<ClassWeave> all() {
        List<ClassWeave> weaves = new ArrayList<>();
        for (String executor : EXECUTORS) {
            ClassWeave weave = new ClassWeave(executor, "context")
                    .with(submit(methods("(" + RUNNABLE, "execute", "submit", "schedule", "scheduleAtFixedRate",
                            "scheduleWithFixedDelay").optional(), "task", RUNNABLE, true))
                    .with(submit(methods("(" + CALLABLE, "submit", "schedule").optional(), "callable", CALLABLE, false))
                    .with(submit(methods("(" + COLLECTION, "invokeAll", "invokeAny").optional(), "callables", COLLECTION,
                            false));
            if (executor.endsWith("/ThreadPoolExecutor")) {
                weave.with(around(methods("(", "addWorker")))
                        .with(methods("(", "runWorker").replacingCalls("java/lang/Runnable", "run", "()V", HOOKS,
                                "runPooled", "(" + RUNNABLE + ")V"));
            }
            if (executor.endsWith("/ForkJoinPool")) {
                // not externalSubmit/lazySubmit (19+): the virtual thread scheduler resumes threads with them
                weave.with(methods("(" + FORK_JOIN_TASK, "execute", "submit", "invoke")
                        .atEntry(new HookCall(HOOKS, "forkJoinTask", "(" + FORK_JOIN_TASK + ")V", argument(0))));
            }
            weaves.add(weave);
        }
        weaves.add(new ClassWeave("java/util/concurrent/FutureTask", "context")
                .with(methods("(", "<init>").beforeReturnIntoField("callable", CALLABLE,
                        new HookCall(HOOKS, "futureTask", "(" + CALLABLE + ")" + CALLABLE, field("callable", CALLABLE)))));
        weaves.add(new ClassWeave("java/util/concurrent/CompletableFuture$UniCompletion", "context")
                .with(methods("(", "<init>").beforeReturn(new HookCall(HOOKS, "asyncStage",
                        "(" + FORK_JOIN_TASK + "Ljava/util/concurrent/Executor;)V", self(),
                        field("executor", "Ljava/util/concurrent/Executor;")))));
        weaves.add(new ClassWeave("java/util/concurrent/ForkJoinTask", "context")
                .with(methods("()", "fork").atEntry(new HookCall(HOOKS, "forkJoinTask", "(" + FORK_JOIN_TASK + ")V", self())))
                .with(forkJoinTaskRun()));
        for (String thread : new String[] {"java/lang/Thread", "java/lang/VirtualThread"}) {
            weaves.add(new ClassWeave(thread, "context").with(threadStart()));
        }
        // declares its own start on 21, inherits VirtualThread's on 25
        weaves.add(new ClassWeave("java/lang/ThreadBuilders$BoundVirtualThread", "context").with(threadStart().optional()));
        weaves.add(new ClassWeave("java/util/Timer", "context")
                .with(methods("(Ljava/util/TimerTask;", "sched")
                        .atEntry(new HookCall(HOOKS, "timerTask", "(Ljava/util/TimerTask;)V", argument(0)))));
        weaves.add(new ClassWeave("java/util/TimerThread", "context")
                .with(methods("(", "mainLoop").replacingCalls("java/util/TimerTask", "run", "()V", HOOKS, "runTimerTask",
                        "(Ljava/util/TimerTask;)V")));
        return weaves;
    }

    private static MethodWeave threadStart() {
        return methods("(", "start").atEntry(new HookCall(HOOKS, "threadStarting", "(Ljava/lang/Thread;)V", self()));
    }

    /** A hand-over: {@code submitting()} marks the call, the task argument is wrapped, {@code submitted} ends it. */
    private static MethodWeave submit(MethodWeave weave, String hook, String taskDescriptor, boolean withExecutor) {
        int state = weave.local(STATE);
        weave.atEntryIntoLocal(state, new HookCall(HOOKS, "submitting", "()" + STATE));
        HookCall wrap = withExecutor
                ? new HookCall(HOOKS, hook, "(" + taskDescriptor + STATE + "Ljava/lang/Object;)" + taskDescriptor,
                        argument(0), local(state), self())
                : new HookCall(HOOKS, hook, "(" + taskDescriptor + STATE + ")" + taskDescriptor, argument(0), local(state));
        return weave.atEntryReplacingArgument(0, wrap)
                .atExit(new HookCall(HOOKS, "submitted", "(" + STATE + ")V", local(state)));
    }

    /** {@code ThreadPoolExecutor.addWorker}: the worker thread it starts inherits nothing. */
    private static MethodWeave around(MethodWeave weave) {
        int state = weave.local(STATE);
        return weave.atEntryIntoLocal(state, new HookCall(HOOKS, "submitting", "()" + STATE))
                .atExit(new HookCall(HOOKS, "submitted", "(" + STATE + ")V", local(state)));
    }

    /** {@code ForkJoinTask.doExec()}: applies the task's context, puts the worker back after it. */
    private static MethodWeave forkJoinTaskRun() {
        MethodWeave weave = methods("()", "doExec"); // returns int on 17, nothing on 25
        int started = weave.local("Ljava/lang/Object;");
        return weave
                .atEntryIntoLocal(started, new HookCall(HOOKS, "forkJoinTaskStarting",
                        "(" + FORK_JOIN_TASK + ")Ljava/lang/Object;", self()))
                .atExit(new HookCall(HOOKS, "forkJoinTaskEnded", "(Ljava/lang/Object;" + FORK_JOIN_TASK + ")V",
                        local(started), self()));
    }
}
