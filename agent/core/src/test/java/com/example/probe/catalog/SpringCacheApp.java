package com.example.probe.catalog;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.util.List;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A plain Spring application with Spring Cache over Redis: {@code @EnableCaching} (CGLIB proxies,
 * as Spring Boot makes them), a {@link RedisCacheManager} on Lettuce with Spring's default keys
 * {@code <cache name>::<key>}, every cache name prefixed with the run's id (argument 0) so that
 * JVMs sharing the server never meet.
 *
 * <p>Steps, each printed as {@code STEP i OK <value>} or {@code STEP i BLOCKED <kind> <message>
 * (thrown as <exception class>)}: acme's price of SKU-1 twice (a miss, then a hit), globex's, then
 * acme's stock of SKU-1 twice through the key that forgets the tenant, then acme empties the prices
 * cache ({@code allEntries}). Then {@code COMPUTED n}.
 */
@Configuration
@EnableCaching
public class SpringCacheApp {
    static String run;

    @Bean
    public LettuceConnectionFactory redisConnectionFactory() {
        return new LettuceConnectionFactory("127.0.0.1", 6379);
    }

    @Bean
    public RedisCacheManager cacheManager(LettuceConnectionFactory connections) {
        // SCAN to clear a cache: Spring Data Redis 3.5's KEYS call does not link against Lettuce 7
        return RedisCacheManager.builder(RedisCacheWriter.nonLockingRedisCacheWriter(connections, BatchStrategies.scan(100)))
                .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().prefixCacheNameWith(run + "-"))
                .build();
    }

    @Bean
    public CatalogService catalogService() {
        return new CatalogService();
    }

    @Bean
    public CatalogController catalogController(CatalogService catalog) {
        return new CatalogController(catalog);
    }

    public static void main(String[] args) {
        run = args[0];
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(SpringCacheApp.class)) {
            CatalogController controller = context.getBean(CatalogController.class);
            List<String[]> steps = List.of(new String[] {"acme", "price"}, new String[] {"acme", "price"},
                    new String[] {"globex", "price"}, new String[] {"acme", "stock"}, new String[] {"acme", "stock"},
                    new String[] {"acme", "clear"});
            for (int i = 0; i < steps.size(); i++) {
                String tenant = steps.get(i)[0];
                String call = steps.get(i)[1];
                System.out.println("STEP " + i + " " + outcome(() -> TenantContext.call(tenant,
                        () -> call.equals("price") ? controller.price("SKU-1")
                                : call.equals("stock") ? controller.stock("SKU-1") : controller.clearPrices())));
            }
            System.out.println("COMPUTED " + context.getBean(CatalogService.class).computed());
        }
    }

    private interface Step {
        String call() throws Exception;
    }

    private static String outcome(Step step) {
        try {
            return "OK " + step.call();
        } catch (Exception e) {
            // Spring Data Redis may wrap what the client threw in its own exception
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TenantBoundaryViolation violation) {
                    return "BLOCKED " + violation.kind() + " " + violation.getMessage() + " (thrown as "
                            + e.getClass().getName() + ")";
                }
            }
            return "FAILED " + e;
        }
    }
}
