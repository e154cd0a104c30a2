package dev.tenantguard.agent.report;

/**
 * Libraries and frameworks that make the guarded calls on the application's behalf, and the classes
 * they generate at run time. The call site of a violation is the application's frame that called
 * them, not theirs: a report that names {@code JdbcTemplate.lambda$update$2} or Hibernate's
 * {@code JdbcSelectExecutorStandardImpl} for every query of a service says nothing. Their frames stay
 * in the reported stack.
 *
 * <p>Covered: the HTTP client libraries the agent instruments; Spring's JDBC, transaction, AOP proxy
 * and HTTP client layers (JdbcTemplate, RestTemplate, RestClient, WebClient); the persistence
 * frameworks (Hibernate, Jakarta/Javax Persistence, EclipseLink, Spring Data and Spring ORM, MyBatis,
 * jOOQ); the migration tools (Flyway, Liquibase); and generated classes: JDK proxies ({@code $Proxy},
 * also when defined in the application's package for a package-private interface), CGLIB subclasses
 * ({@code $$SpringCGLIB$$}, {@code $$EnhancerBy…}, {@code $$FastClassBy…}) and Byte Buddy classes
 * ({@code $ByteBuddy$}, Hibernate's {@code $HibernateProxy$}). The class a CGLIB subclass extends is
 * the application's own and stays a call site.
 *
 * <p>Spring's cache abstraction ({@code @Cacheable}: the interceptor and the cache adapters) calls
 * Redis on a cached method's behalf, before or after the method runs, so that method is on no
 * frame. The frame of its Spring proxy ({@code CatalogService$$SpringCGLIB$$0.price}) is: when only
 * library frames lie between it and the guarded call, the proxy's advice made the call, and the
 * call site is the proxied method ({@link #isSpringProxy}, {@link #proxiedClass}).
 */
final class LibraryFrames {
    private static final String[] PACKAGES = {
        // HTTP client libraries
        "org.apache.hc.", "org.apache.http.", "okhttp3.", "okio.", "kotlin.",
        // Redis and message broker clients, and the reactive/async machinery they run commands on
        "io.lettuce.", "redis.clients.jedis.", "reactor.core.", "io.netty.", "com.rabbitmq.client.",
        "org.springframework.data.redis.", "org.springframework.amqp.",
        // Spring: JdbcTemplate and friends, exception translation, transactions, AOP proxies
        "org.springframework.jdbc.", "org.springframework.dao.", "org.springframework.transaction.",
        "org.springframework.aop.",
        // Spring: the cache abstraction (@Cacheable's interceptor and the Cache adapters)
        "org.springframework.cache.",
        // Spring: the HTTP client request factories, RestTemplate and RestClient, WebClient
        "org.springframework.http.client.", "org.springframework.web.client.",
        "org.springframework.web.reactive.function.client.",
        // persistence: JPA and its providers, Spring Data (JPA, JDBC, commons) and Spring ORM
        "org.hibernate.", "jakarta.persistence.", "javax.persistence.", "org.eclipse.persistence.",
        "org.springframework.data.", "org.springframework.orm.",
        // MyBatis (and its Spring integration), jOOQ
        "org.apache.ibatis.", "org.mybatis.", "org.jooq.",
        // migration tools
        "org.flywaydb.", "liquibase.",
    };

    /** Name parts of generated subclasses that only forward the call (JDK proxies are matched by name start). */
    private static final String[] GENERATED = {"$$SpringCGLIB$$", "$$EnhancerBy", "$$FastClassBy",
        "$ByteBuddy$", "$HibernateProxy$", "$HibernateAccessOptimizer$", "$$_jvst"};

    private LibraryFrames() {
    }

    static boolean isLibrary(String className) {
        for (String prefix : PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return isGenerated(className);
    }

    /**
     * A Spring CGLIB proxy of an application class ({@code CatalogService$$SpringCGLIB$$0}), not its
     * {@code FastClass} helper: its frame stands for the proxied method while the proxy's advice runs.
     */
    static boolean isSpringProxy(String className) {
        int marker = className.indexOf("$$SpringCGLIB$$");
        if (marker < 0) {
            marker = className.indexOf("$$EnhancerBySpringCGLIB$$");
        }
        return marker > 0 && className.indexOf("FastClass", marker) < 0;
    }

    /** The application class a {@linkplain #isSpringProxy Spring proxy} extends. */
    static String proxiedClass(String proxyClassName) {
        return proxyClassName.substring(0, proxyClassName.indexOf("$$"));
    }

    /** A class generated at run time: {@code com.example.$Proxy12}, {@code Service$$SpringCGLIB$$0}, … */
    static boolean isGenerated(String className) {
        if (className.indexOf('$') < 0) {
            return false;
        }
        int simple = className.lastIndexOf('.') + 1;
        if (className.startsWith("$Proxy", simple)) {
            return true;
        }
        for (String part : GENERATED) {
            if (className.indexOf(part, simple) >= 0) {
                return true;
            }
        }
        return false;
    }
}
