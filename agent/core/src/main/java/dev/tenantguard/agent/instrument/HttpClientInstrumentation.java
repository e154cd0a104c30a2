package dev.tenantguard.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.bootstrap.HttpHooks;
import java.net.http.HttpRequest;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Outbound HTTP of the JDK, each request caught once, before a byte is sent:
 * <ul>
 * <li>{@code java.net.http.HttpClient}: the private
 *     {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}, where {@code send}
 *     and both public {@code sendAsync} end. A blocked {@code sendAsync} throws instead of returning
 *     a failed future.</li>
 * <li>{@code HttpURLConnection} (and {@code HttpsURLConnection}, which inherits it):
 *     {@code plainConnect0()}, which every trigger (connect, getInputStream, getOutputStream,
 *     getResponseCode …) goes through once, and each followed redirect again.</li>
 * </ul>
 */
final class HttpClientInstrumentation {
    static final String HTTP_CLIENT = "jdk.internal.net.http.HttpClientImpl";
    static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

    private HttpClientInstrumentation() {
    }

    static AgentBuilder install(AgentBuilder builder) {
        return builder
                .type(named(HTTP_CLIENT))
                .transform(Transformers.advice(ClientSend.class, named("sendAsync").and(takesArguments(4))))
                .type(named(URL_CONNECTION))
                .transform(Transformers.advice(UrlConnect.class, named("plainConnect0").and(takesArguments(0))));
    }

    /** HttpClientImpl.sendAsync(HttpRequest, BodyHandler, PushPromiseHandler, Executor). */
    static final class ClientSend {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) HttpRequest request) {
            HttpHooks.request(request.uri(), request.method());
        }
    }

    /** sun.net.www.protocol.http.HttpURLConnection.plainConnect0(). */
    static final class UrlConnect {
        @Advice.OnMethodEnter
        static void enter(@Advice.This java.net.HttpURLConnection self) {
            HttpHooks.request(self.getURL(), self.getRequestMethod());
        }
    }
}
