package com.example.probe.catalog;

import dev.tenantguard.api.TenantContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** The application's cached service: one cache key carries the tenant, the other forgets it. */
public class CatalogService {
    private final AtomicInteger computed = new AtomicInteger();

    /** How many calls ran the method rather than being answered from the cache. */
    public int computed() {
        return computed.get();
    }

    /** Correct: the tenant is part of the key, {@code prices::acme:SKU-1}. */
    @Cacheable(cacheNames = "prices", key = "T(dev.tenantguard.api.TenantContext).current() + ':' + #p0")
    public String price(String sku) {
        computed.incrementAndGet();
        return "price-of-" + sku + "-for-" + TenantContext.current();
    }

    /** The planted bug: {@code stock::SKU-1} is one entry for every tenant, so acme's answer is served to globex. */
    @Cacheable(cacheNames = "stock", key = "#p0")
    public String stock(String sku) {
        computed.incrementAndGet();
        return "stock-of-" + sku + "-for-" + TenantContext.current();
    }

    /** Empties the cache for every tenant at once: the clear scans the whole cache's keys. */
    @CacheEvict(cacheNames = "prices", allEntries = true)
    public void clearPrices() {
    }
}
