package dev.tenantguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
            "org.springframework.web.reactive.function.client.DefaultWebClient",
            // @Cacheable: the interceptor and the cache adapter that call Redis for the cached method
            "org.springframework.cache.interceptor.CacheAspectSupport", "org.springframework.cache.interceptor.CacheInterceptor",
            "org.springframework.cache.support.AbstractValueAdaptingCache",
            "org.springframework.data.redis.cache.RedisCache"})
    void librariesThatCallForTheApplication(String className) {
        assertTrue(LibraryFrames.isLibrary(className), className);
    }

    /** Frames seen on the stack of a Spring Data JPA query, a lazy load, a flush and a migration. */
    @ParameterizedTest
    @ValueSource(strings = {"org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl",
            "org.hibernate.engine.jdbc.internal.ResultSetReturnImpl", "org.hibernate.collection.spi.AbstractPersistentCollection",
            "org.hibernate.proxy.pojo.bytebuddy.ByteBuddyInterceptor", "jakarta.persistence.EntityManager",
            "javax.persistence.Query", "org.eclipse.persistence.internal.sessions.AbstractSession",
            "org.springframework.data.jpa.repository.support.SimpleJpaRepository",
            "org.springframework.data.jpa.repository.query.JpaQueryExecution$PagedExecution",
            "org.springframework.data.repository.core.support.RepositoryMethodInvoker",
            "org.springframework.data.jdbc.core.JdbcAggregateTemplate",
            "org.springframework.orm.jpa.SharedEntityManagerCreator$SharedEntityManagerInvocationHandler",
            "org.springframework.aop.framework.ReflectiveMethodInvocation", "org.springframework.aop.framework.JdkDynamicAopProxy",
            "org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor",
            "org.apache.ibatis.executor.SimpleExecutor", "org.mybatis.spring.SqlSessionTemplate",
            "org.jooq.impl.AbstractQuery", "org.flywaydb.core.internal.command.DbMigrate",
            "liquibase.executor.jvm.JdbcExecutor"})
    void persistenceFrameworksAndMigrationTools(String className) {
        assertTrue(LibraryFrames.isLibrary(className), className);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk.proxy2.$Proxy123", "com.sun.proxy.$Proxy45",
            // a JDK proxy of a package-private interface is defined in the interface's package
            "com.example.clinic.$Proxy12",
            "com.example.clinic.VisitService$$SpringCGLIB$$0", "com.example.clinic.VisitService$$SpringCGLIB$$FastClass$$0",
            "com.example.Legacy$$EnhancerBySpringCGLIB$$1a2b", "com.example.Legacy$$FastClassByCGLIB$$3c4d",
            "com.example.Patient$HibernateProxy$Xy12ab", "com.example.Service$ByteBuddy$Ab12",
            "com.example.Patient$HibernateAccessOptimizer$9f"})
    void generatedProxiesAndSubclasses(String className) {
        assertTrue(LibraryFrames.isLibrary(className), className);
    }

    /** A Spring proxy's frame stands for the proxied method while the proxy's advice runs. */
    @ParameterizedTest
    @CsvSource({"com.example.orders.CatalogService$$SpringCGLIB$$0, com.example.orders.CatalogService",
            "com.example.Legacy$$EnhancerBySpringCGLIB$$1a2b, com.example.Legacy",
            "com.example.Outer$Inner$$SpringCGLIB$$1, com.example.Outer$Inner"})
    void springProxiesNameTheClassTheyProxy(String proxy, String proxied) {
        assertTrue(LibraryFrames.isSpringProxy(proxy), proxy);
        assertEquals(proxied, LibraryFrames.proxiedClass(proxy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.clinic.VisitService$$SpringCGLIB$$FastClass$$0",
            "com.example.Legacy$$FastClassByCGLIB$$3c4d", "com.example.Service$$EnhancerByCGLIB$$9", "jdk.proxy2.$Proxy123",
            "com.example.clinic.VisitService", "com.example.SpringCGLIB", "$$SpringCGLIB$$0"})
    void otherClassesAreNoSpringProxy(String className) {
        assertFalse(LibraryFrames.isSpringProxy(className), className);
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.orders.OrderRepository", "com.example.orders.ShippingClient",
            // the application's own code in Spring-like packages, and Spring's other layers, stay call sites
            "org.springframework.web.servlet.DispatcherServlet",
            "org.springframework.jdbcx.Repo", "org.springframework.httpx.Client", "org.apache.hcx.Other",
            "com.example.jdbc.Repo", "okhttp3x.Client", "org.hibernatex.Repo", "org.springframework.datax.Repo",
            "liquibasex.Job", "flywaydb.Job",
            // the class a CGLIB subclass extends, and the application's own nested and lambda classes
            "com.example.clinic.VisitService", "com.example.clinic.VisitService$Inner",
            "com.example.clinic.VisitService$$Lambda$123/0x000001", "com.example.ProxyFactory", "com.example.$Cache",
            "org.springframework.cachex.Repo"})
    void everythingElseIsTheApplication(String className) {
        assertFalse(LibraryFrames.isLibrary(className), className);
    }
}
