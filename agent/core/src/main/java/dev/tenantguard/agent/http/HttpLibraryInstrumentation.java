package dev.tenantguard.agent.http;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.agent.http.library.LibraryRequest;
import dev.tenantguard.agent.tooling.ClassFileFilter;
import dev.tenantguard.agent.tooling.Transformers;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.HttpHooks;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Outbound HTTP libraries, as their classes load, each request caught before a byte is sent, with
 * every redirect the library follows by itself:
 * <ul>
 * <li>Apache HttpClient 5 classic: {@code ProtocolExec.execute(request, scope, chain)} — every
 *     request and redirect passes it, before the connection is leased.</li>
 * <li>Apache HttpClient 5 async: {@code AsyncProtocolExec.execute(request, producer, scope, chain,
 *     callback)}: the same for the async client; a blocked request fails the returned future.</li>
 * <li>Apache HttpClient 4: {@code ProtocolExec.execute(route, request, context, execAware)}.</li>
 * <li>OkHttp 4: {@code OkHttpClient.newCall(request)}, for {@code execute} and {@code enqueue}
 *     alike (a blocked call throws from {@code newCall}, in the caller's context), and
 *     {@code RetryAndFollowUpInterceptor.followUpRequest}, the redirect OkHttp makes by itself.</li>
 * </ul>
 * Whatever is built on these clients (Spring's RestTemplate, RestClient, WebClient on them, Feign,
 * Retrofit) is covered through them. The advice passes the library's objects untyped; the agent
 * reads them through method handles ({@code LibraryRequest}).
 */
final class HttpLibraryInstrumentation {
    static final String APACHE5_CLASSIC = "org.apache.hc.client5.http.impl.classic.ProtocolExec";
    static final String APACHE5_ASYNC = "org.apache.hc.client5.http.impl.async.AsyncProtocolExec";
    static final String APACHE4 = "org.apache.http.impl.execchain.ProtocolExec";
    static final String OKHTTP_CLIENT = "okhttp3.OkHttpClient";
    static final String OKHTTP_FOLLOW_UP = "okhttp3.internal.http.RetryAndFollowUpInterceptor";

    /** The classes transformed, by name: a class of another name is never offered to Byte Buddy. */
    static final TypeInstrumentation TYPES = new TypeInstrumentation("its requests are not checked",
            ClassFileFilter.classes(List.of(APACHE5_CLASSIC, APACHE5_ASYNC, APACHE4, OKHTTP_CLIENT, OKHTTP_FOLLOW_UP)),
            false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            return install(builder);
        }
    };

    private HttpLibraryInstrumentation() {
    }

    static AgentBuilder install(AgentBuilder builder) {
        return builder
                .type(named(APACHE5_CLASSIC))
                .transform(Transformers.adviceOrRefuse("http", Apache5Classic.class,
                        named("execute").and(takesArguments(3)),
                        "Apache HttpClient 5", LibraryRequest.reads(HttpHooks.APACHE5)))
                .type(named(APACHE5_ASYNC))
                .transform(Transformers.adviceOrRefuse("http", Apache5Async.class,
                        named("execute").and(takesArguments(5)),
                        "Apache HttpClient 5 async", LibraryRequest.reads(HttpHooks.APACHE5)))
                .type(named(APACHE4))
                .transform(Transformers.adviceOrRefuse("http", Apache4.class,
                        named("execute").and(takesArguments(4)),
                        "Apache HttpClient 4", LibraryRequest.reads(HttpHooks.APACHE4)))
                .type(named(OKHTTP_CLIENT))
                .transform(Transformers.adviceOrRefuse("http", OkHttpNewCall.class,
                        named("newCall").and(takesArguments(1)),
                        "OkHttp", LibraryRequest.reads(HttpHooks.OKHTTP)))
                .type(named(OKHTTP_FOLLOW_UP))
                .transform(Transformers.adviceOrRefuse("http", OkHttpFollowUp.class,
                        named("followUpRequest"),
                        "OkHttp redirects", LibraryRequest.reads(HttpHooks.OKHTTP_FOLLOW_UP)));
    }

    /** org.apache.hc.client5.http.impl.classic.ProtocolExec.execute(ClassicHttpRequest, ExecChain.Scope, ExecChain). */
    static final class Apache5Classic {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object scope) {
            HttpHooks.library(HttpHooks.APACHE5, request, scope);
        }
    }

    /** org.apache.hc.client5.http.impl.async.AsyncProtocolExec.execute(HttpRequest, AsyncEntityProducer, Scope, AsyncExecChain, AsyncExecCallback). */
    static final class Apache5Async {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object request, @Advice.Argument(2) Object scope) {
            HttpHooks.library(HttpHooks.APACHE5, request, scope);
        }
    }

    /** org.apache.http.impl.execchain.ProtocolExec.execute(HttpRoute, HttpRequestWrapper, HttpClientContext, HttpExecutionAware). */
    static final class Apache4 {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object route, @Advice.Argument(1) Object request) {
            HttpHooks.library(HttpHooks.APACHE4, request, route);
        }
    }

    /** okhttp3.OkHttpClient.newCall(Request): the call is made with the request that carries the tenant. */
    static final class OkHttpNewCall {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
            request = HttpHooks.library(HttpHooks.OKHTTP, request, null);
        }
    }

    /** okhttp3.internal.http.RetryAndFollowUpInterceptor.followUpRequest(Response, Exchange): the redirect's request. */
    static final class OkHttpFollowUp {
        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object followUp) {
            followUp = HttpHooks.library(HttpHooks.OKHTTP_FOLLOW_UP, followUp, null);
        }
    }
}
