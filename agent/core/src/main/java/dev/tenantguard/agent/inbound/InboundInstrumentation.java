package dev.tenantguard.agent.inbound;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.agent.tooling.ClassFileFilter;
import dev.tenantguard.agent.tooling.Transformers;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.InboundHooks;
import dev.tenantguard.internal.ThreadState;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Inbound requests, where their tenant is derived and their scope opened and closed:
 * <ul>
 * <li>JDK {@code com.sun.net.httpserver}: {@code Filter.Chain.doFilter(HttpExchange)}, woven by
 *     {@code weave.InboundWeaves} with the same hooks. The server's exchange
 *     ({@code sun.net.httpserver.ServerImpl$Exchange.run}, same on 17 and 25) runs the
 *     application's filters and handler through one such chain (its own filters through a second,
 *     nested one); every filter calls the chain again.</li>
 * <li>Servlet API, jakarta and javax, in any container: {@code Servlet.service(ServletRequest,
 *     ServletResponse)} and {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} of
 *     every implementation, as it loads — the container calls the application's first filter, or
 *     its servlet, through one of them.</li>
 * <li>{@code AsyncContext.start(Runnable)}: the task runs with the request's tenant.</li>
 * </ul>
 * Only the outermost entry on a thread opens the scope (a per-thread depth); it closes when that
 * entry returns or throws. An async dispatch enters the servlet again and finds the tenant the
 * first entry derived on the request. The hooks take {@code Object}: the servlet API lives in the
 * application's loaders.
 */
final class InboundInstrumentation {
    static final String FILTER_CHAIN = "com.sun.net.httpserver.Filter$Chain";
    private static final String[] SERVLETS = {"jakarta.servlet.Servlet", "javax.servlet.Servlet"};
    private static final String[] FILTERS = {"jakarta.servlet.Filter", "javax.servlet.Filter"};
    private static final String[] REQUESTS = {"jakarta.servlet.ServletRequest", "javax.servlet.ServletRequest"};
    private static final String[] ASYNC_CONTEXTS = {"jakarta.servlet.AsyncContext", "javax.servlet.AsyncContext"};

    private static final String[] ENTRIES = {"service", "doFilter"};
    private static final String ASYNC_START = "start";

    /**
     * A candidate mentions the servlet API and declares a request entry taking a servlet request
     * first, or {@code start(Runnable)}.
     */
    static final TypeInstrumentation TYPES = new TypeInstrumentation(
            "the requests it serves get no tenant from tenant.from",
            ClassFileFilter.mentioning("javax/servlet/", "jakarta/servlet/")
                    .declaring(List.of(ENTRIES), "(Ljakarta/servlet/", "(Ljavax/servlet/")
                    .declaring(List.of(ASYNC_START), "(Ljava/lang/Runnable;)"),
            false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            return install(builder);
        }
    };

    private InboundInstrumentation() {
    }

    static AgentBuilder install(AgentBuilder builder) {
        ElementMatcher.Junction<MethodDescription> service = named(ENTRIES[0]).and(takesArguments(2))
                .and(takesArgument(0, namedOneOf(REQUESTS))).and(not(isAbstract()));
        ElementMatcher.Junction<MethodDescription> doFilter = named(ENTRIES[1]).and(takesArguments(3))
                .and(takesArgument(0, namedOneOf(REQUESTS))).and(not(isAbstract()));
        ElementMatcher.Junction<MethodDescription> start = named(ASYNC_START).and(takesArguments(Runnable.class))
                .and(not(isAbstract()));
        // the methods a class declares are read from its own class file; its super types are
        // resolved only for the few classes that declare such a method (hasSuperType on every
        // loaded class cost a container ~0.5 s of CPU at start)
        return builder
                .type(declaresMethod(service).and(hasSuperType(namedOneOf(SERVLETS))))
                .transform(Transformers.advice(RequestEntry.class, service))
                .type(declaresMethod(doFilter).and(hasSuperType(namedOneOf(FILTERS))))
                .transform(Transformers.advice(RequestEntry.class, doFilter))
                .type(declaresMethod(start).and(hasSuperType(namedOneOf(ASYNC_CONTEXTS))))
                .transform(Transformers.advice(AsyncStart.class, start));
    }

    /** Filter.Chain.doFilter(HttpExchange), Servlet.service(request, response), Filter.doFilter(request, response, chain). */
    static final class RequestEntry {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Object request) {
            return InboundHooks.enter(request);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter ThreadState state) {
            InboundHooks.exit(state);
        }
    }

    /** AsyncContext.start(Runnable). */
    static final class AsyncStart {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object context, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = InboundHooks.asyncTask(context, task);
        }
    }
}
