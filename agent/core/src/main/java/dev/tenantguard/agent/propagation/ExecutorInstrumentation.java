package dev.tenantguard.agent.propagation;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.tenantguard.agent.tooling.ClassFileFilter;
import dev.tenantguard.agent.tooling.Transformers;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.ContextHooks;
import dev.tenantguard.internal.ThreadState;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Propagation of the tenant context through the executors of libraries (the JDK's are woven by
 * {@code weave.ContextWeaves}): on every class that implements {@code java.util.concurrent.Executor}
 * as it loads, {@code execute(Runnable)}, {@code submit(Runnable)}, {@code submit(Runnable, T)},
 * {@code submit(Callable)}, {@code schedule(Runnable|Callable, …)}, {@code scheduleAtFixedRate},
 * {@code scheduleWithFixedDelay}, {@code invokeAll}, {@code invokeAny} — the task is wrapped when
 * a tenant is in context, so it runs with it on the library's own worker threads.
 */
final class ExecutorInstrumentation {
    private static final String[] RUNNABLE_HANDOVERS = {"execute", "submit", "schedule", "scheduleAtFixedRate",
        "scheduleWithFixedDelay"};
    private static final String[] CALLABLE_HANDOVERS = {"submit", "schedule"};
    private static final String[] COLLECTION_HANDOVERS = {"invokeAll", "invokeAny"};

    /** A candidate declares a hand-over method that takes the task first. */
    static final TypeInstrumentation TYPES = new TypeInstrumentation("tasks handed to it do not carry the tenant",
            ClassFileFilter.anyClass()
                    .declaring(List.of(RUNNABLE_HANDOVERS), "(Ljava/lang/Runnable;")
                    .declaring(List.of(CALLABLE_HANDOVERS), "(Ljava/util/concurrent/Callable;")
                    .declaring(List.of(COLLECTION_HANDOVERS), "(Ljava/util/Collection;"),
            false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            return install(builder);
        }
    };

    private ExecutorInstrumentation() {
    }

    static AgentBuilder install(AgentBuilder builder) {
        return builder
                .type(isSubTypeOf(Executor.class).and(not(isInterface())))
                .transform(Transformers.advice(SubmitRunnable.class, Submitted.class,
                        namedOneOf(RUNNABLE_HANDOVERS).and(takesArgument(0, Runnable.class)).and(not(isAbstract()))))
                .transform(Transformers.advice(SubmitCallable.class, Submitted.class,
                        namedOneOf(CALLABLE_HANDOVERS).and(takesArgument(0, Callable.class)).and(not(isAbstract()))))
                .transform(Transformers.advice(SubmitCallables.class, Submitted.class,
                        namedOneOf(COLLECTION_HANDOVERS).and(takesArgument(0, Collection.class))
                                .and(not(isAbstract()))));
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

    /** The exit of every advice above: ends the executor call. */
    static final class Submitted {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter ThreadState state) {
            ContextHooks.submitted(state);
        }
    }
}
