package dev.tenantguard.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
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
 * Propagation of the tenant: the {@code HttpClient} advice replaces the request by a copy that
 * carries it (see {@link HttpHooks#request(Object, java.net.URI, String)}). An
 * {@code HttpURLConnection} refuses new headers once connecting, which its public triggers
 * ({@code connect}, {@code getInputStream}, {@code getOutputStream}; {@code getResponseCode},
 * {@code getHeaderField} and the like are inherited and call {@code getInputStream}) mark first,
 * before {@code plainConnect0}: the headers are set on entry of those triggers, while the
 * connection is neither connected nor connecting.
 */
final class HttpClientInstrumentation {
    static final String HTTP_CLIENT = "jdk.internal.net.http.HttpClientImpl";
    static final String HTTP_REQUEST = "jdk.internal.net.http.HttpRequestImpl";
    static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

    private HttpClientInstrumentation() {
    }

    /** @param httpClient whether the JVM has {@code java.net.http} (its advice names its types) */
    static AgentBuilder install(AgentBuilder builder, boolean httpClient) {
        if (httpClient) {
            builder = builder
                    .type(named(HTTP_CLIENT))
                    .transform(Transformers.advice(ClientSend.class, named("sendAsync").and(takesArguments(4))))
                    .type(named(HTTP_REQUEST))
                    .transform(Transformers.advice(ClientRedirect.class,
                            named("newInstanceForRedirection").and(takesArguments(4))));
        }
        return builder
                .type(named(URL_CONNECTION))
                .transform(Transformers.advice(UrlConnect.class, named("plainConnect0").and(takesArguments(0))))
                .transform(Transformers.advice(UrlTrigger.class,
                        namedOneOf("connect", "getInputStream", "getOutputStream").and(isPublic()).and(takesArguments(0))));
    }

    /**
     * HttpRequestImpl.newInstanceForRedirection(URI, method, original, mayHaveBody): the next
     * request of a redirect the client follows by itself.
     */
    static final class ClientRedirect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) java.net.URI uri, @Advice.Argument(1) String method,
                @Advice.Argument(2) Object original) {
            HttpHooks.redirect(uri, method, original);
        }
    }

    /** HttpClientImpl.sendAsync(HttpRequest, BodyHandler, PushPromiseHandler, Executor). */
    static final class ClientSend {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
            request = (HttpRequest) HttpHooks.request(request, request.uri(), request.method());
        }
    }

    /**
     * sun.net.www.protocol.http.HttpURLConnection.connect(), getInputStream(), getOutputStream():
     * the fields are read here, in the class that owns them, so that a connection already
     * connecting costs two field reads.
     */
    static final class UrlTrigger {
        @Advice.OnMethodEnter
        static void enter(@Advice.This java.net.HttpURLConnection self,
                @Advice.FieldValue("connected") boolean connected, @Advice.FieldValue("connecting") boolean connecting) {
            if (!connected && !connecting) {
                HttpHooks.connecting(self);
            }
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
