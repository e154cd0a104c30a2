package com.example.probe.catalog;

/** The caller of the cached service: a report must not name it for the service's cache keys. */
public class CatalogController {
    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    public String price(String sku) {
        return catalog.price(sku);
    }

    public String stock(String sku) {
        return catalog.stock(sku);
    }

    public String clearPrices() {
        catalog.clearPrices();
        return "cleared";
    }
}
