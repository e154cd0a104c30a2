package dev.tenantguard.agent.inbound;

import static dev.tenantguard.agent.tooling.MethodWeave.methods;
import static dev.tenantguard.agent.tooling.Source.argument;
import static dev.tenantguard.agent.tooling.Source.local;

import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.HookCall;
import dev.tenantguard.agent.tooling.MethodWeave;
import java.util.List;

/**
 * The JDK HttpServer's entry of a request: {@code Filter.Chain.doFilter(HttpExchange)}, outermost
 * around the application's filters and handler; the request scope opens at entry and closes on
 * every exit. Servlet containers are the library instrumentation's.
 */
final class InboundWeaves {
    static final String FILTER_CHAIN = "com/sun/net/httpserver/Filter$Chain";
    private static final String HOOKS = "dev/tenantguard/internal/InboundHooks";
    private static final String STATE = "Ldev/tenantguard/internal/ThreadState;";

    private InboundWeaves() {
    }

    static List<ClassWeave> all() {
        MethodWeave doFilter = methods("(Lcom/sun/net/httpserver/HttpExchange;)V", "doFilter");
        int state = doFilter.local(STATE);
        doFilter.atEntryIntoLocal(state, new HookCall(HOOKS, "enter", "(Ljava/lang/Object;)" + STATE, argument(0)))
                .atExit(new HookCall(HOOKS, "exit", "(" + STATE + ")V", local(state)));
        return List.of(new ClassWeave(FILTER_CHAIN, "inbound").with(doFilter));
    }
}
