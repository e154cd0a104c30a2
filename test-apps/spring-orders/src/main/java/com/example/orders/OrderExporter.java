package com.example.orders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** CSV exports of a tenant's orders, under {@code <data-dir>/tenants/<tenant>/exports/}. */
@Component
public class OrderExporter {
    private final Path tenants;
    /** Where invoice exports go; see {@link #exportInvoices}. */
    private volatile Path invoiceFolder;

    public OrderExporter(@Value("${orders.data-dir}") Path dataDir) {
        this.tenants = dataDir.toAbsolutePath().normalize().resolve("tenants");
    }

    /** Writes the tenant's orders to {@code orders-<tenant>.csv} in the tenant's export folder. */
    public Path exportOrders(String tenant, List<Order> orders) throws IOException {
        Path folder = Files.createDirectories(tenants.resolve(tenant).resolve("exports"));
        return write(folder.resolve("orders-" + tenant + ".csv"), orders);
    }

    /**
     * Writes the tenant's invoice lines to {@code invoices-<tenant>.csv}. PLANTED BUG: the export
     * folder is resolved once and kept in this singleton bean (it "never changes"), so it is the
     * folder of whichever tenant exported invoices first: every later tenant's invoices land in
     * that tenant's folder.
     */
    public Path exportInvoices(String tenant, List<Order> orders) throws IOException {
        if (invoiceFolder == null) {
            invoiceFolder = Files.createDirectories(tenants.resolve(tenant).resolve("exports"));
        }
        return write(invoiceFolder.resolve("invoices-" + tenant + ".csv"), orders);
    }

    private static Path write(Path file, List<Order> orders) throws IOException {
        StringBuilder csv = new StringBuilder("id,customer,item,amount_cents,status\n");
        for (Order o : orders) {
            csv.append(o.id()).append(',').append(o.customer()).append(',').append(o.item()).append(',')
                    .append(o.amountCents()).append(',').append(o.status()).append('\n');
        }
        return Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
