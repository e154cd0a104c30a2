package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which frames are a library calling on the application's behalf, never the call site. */
class LibraryFramesTest {

    @ParameterizedTest
    @ValueSource(strings = {"org.apache.hc.client5.http.impl.classic.ProtocolExec", "org.apache.http.impl.execchain.ProtocolExec",
            "okhttp3.OkHttpClient", "okio.Buffer", "kotlin.jvm.internal.Intrinsics",
            "org.springframework.jdbc.core.JdbcTemplate", "org.springframework.jdbc.core.JdbcTemplate$1",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate",
            "org.springframework.dao.support.PersistenceExceptionTranslationInterceptor",
            "org.springframework.transaction.interceptor.TransactionInterceptor",
            "org.springframework.http.client.JdkClientHttpRequest",
            "org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec",
            "org.springframework.web.client.RestTemplate",
            "org.springframework.web.reactive.function.client.DefaultWebClient"})
    void librariesThatCallForTheApplication(String className) {
        assertTrue(LibraryFrames.isLibrary(className), className);
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.orders.OrderRepository", "com.example.orders.ShippingClient",
            // the application's own code in Spring-like packages, and Spring's other layers, stay call sites
            "org.springframework.web.servlet.DispatcherServlet", "org.springframework.aop.framework.CglibAopProxy",
            "org.springframework.jdbcx.Repo", "org.springframework.httpx.Client", "org.apache.hcx.Other",
            "com.example.jdbc.Repo", "okhttp3x.Client"})
    void everythingElseIsTheApplication(String className) {
        assertFalse(LibraryFrames.isLibrary(className), className);
    }
}
