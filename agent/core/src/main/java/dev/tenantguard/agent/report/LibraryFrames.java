package dev.tenantguard.agent.report;

/**
 * Libraries and frameworks that make the guarded calls on the application's behalf: the HTTP client
 * libraries the agent instruments, and Spring's JDBC, transaction and HTTP client layers
 * (JdbcTemplate, RestTemplate, RestClient, WebClient). The call site of a violation is the
 * application's frame that called them, not theirs: a report that names
 * {@code JdbcTemplate.lambda$update$2} for every query of a service says nothing. Their frames stay in
 * the reported stack.
 */
final class LibraryFrames {
    private static final String[] PACKAGES = {
        // HTTP client libraries
        "org.apache.hc.", "org.apache.http.", "okhttp3.", "okio.", "kotlin.",
        // Redis and message broker clients, and the reactive/async machinery they run commands on
        "io.lettuce.", "redis.clients.jedis.", "reactor.core.", "io.netty.", "com.rabbitmq.client.",
        "org.springframework.data.redis.", "org.springframework.amqp.",
        // Spring: JdbcTemplate and friends, exception translation, transactions
        "org.springframework.jdbc.", "org.springframework.dao.", "org.springframework.transaction.",
        // Spring: the HTTP client request factories, RestTemplate and RestClient, WebClient
        "org.springframework.http.client.", "org.springframework.web.client.",
        "org.springframework.web.reactive.function.client.",
    };

    private LibraryFrames() {
    }

    static boolean isLibrary(String className) {
        for (String prefix : PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
