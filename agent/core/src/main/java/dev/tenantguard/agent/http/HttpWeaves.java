package dev.tenantguard.agent.http;

import static dev.tenantguard.agent.tooling.MethodWeave.methods;
import static dev.tenantguard.agent.tooling.Source.argument;
import static dev.tenantguard.agent.tooling.Source.argumentCall;
import static dev.tenantguard.agent.tooling.Source.field;
import static dev.tenantguard.agent.tooling.Source.self;

import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.HookCall;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The JDK's HTTP clients. {@code HttpClient}: {@code HttpClientImpl.sendAsync}, which {@code send}
 * and {@code sendAsync} both reach, checks the request and replaces it by one that carries the
 * tenant headers (the application's request with them, not a copy);
 * {@code HttpRequestImpl.newInstanceForRedirection} checks each redirect the client follows. {@code HttpURLConnection}: {@code plainConnect0}, which every trigger and each redirect
 * goes through, checks; the public triggers ({@code connect}, {@code getInputStream},
 * {@code getOutputStream}) set the tenant headers while the connection is neither connected nor
 * connecting (it refuses new headers after).
 */
final class HttpWeaves {
    static final String HTTP_CLIENT = "jdk/internal/net/http/HttpClientImpl";
    static final String HTTP_REQUEST = "jdk/internal/net/http/HttpRequestImpl";
    static final String URL_CONNECTION = "sun/net/www/protocol/http/HttpURLConnection";
    private static final String HOOKS = "dev/tenantguard/internal/HttpHooks";
    private static final String REQUEST = "java/net/http/HttpRequest";
    private static final String CONNECTION = "Ljava/net/HttpURLConnection;";

    private HttpWeaves() {
    }

    /** @param httpClient whether the JVM has {@code java.net.http} */
    static List<ClassWeave> all(boolean httpClient) {
        List<ClassWeave> weaves = new ArrayList<>();
        if (httpClient) {
            weaves.add(new ClassWeave(HTTP_CLIENT, "http")
                    .with(methods("(L" + REQUEST + ";Ljava/net/http/HttpResponse$BodyHandler;"
                            + "Ljava/net/http/HttpResponse$PushPromiseHandler;Ljava/util/concurrent/Executor;)", "sendAsync")
                            .atEntryReplacingArgument(0, new HookCall(HOOKS, "request",
                                    "(Ljava/lang/Object;Ljava/net/URI;Ljava/lang/String;)Ljava/lang/Object;", argument(0),
                                    argumentCall(0, Opcodes.INVOKEVIRTUAL, REQUEST, "uri", "()Ljava/net/URI;"),
                                    argumentCall(0, Opcodes.INVOKEVIRTUAL, REQUEST, "method", "()Ljava/lang/String;")))));
            weaves.add(new ClassWeave(HTTP_REQUEST, "http")
                    .with(methods("(Ljava/net/URI;Ljava/lang/String;L", "newInstanceForRedirection")
                            .atEntry(new HookCall(HOOKS, "redirect", "(Ljava/net/URI;Ljava/lang/String;Ljava/lang/Object;)V",
                                    argument(0), argument(1), argument(2)))));
        }
        weaves.add(new ClassWeave(URL_CONNECTION, "http")
                .with(methods("()V", "plainConnect0").atEntry(new HookCall(HOOKS, "request", "(" + CONNECTION + ")V", self())))
                .with(methods("()", "connect", "getInputStream", "getOutputStream").atEntry(new HookCall(HOOKS, "connecting",
                        "(" + CONNECTION + "ZZ)V", self(), field("connected", "Z"), field("connecting", "Z")))));
        return weaves;
    }
}
