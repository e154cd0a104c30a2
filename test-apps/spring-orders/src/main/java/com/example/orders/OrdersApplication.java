package com.example.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * A multi-tenant orders service: orders in PostgreSQL (one shared table with a {@code tenant_id}
 * column, through JdbcTemplate and HikariCP), shipments booked with a second service over
 * RestClient, CSV exports under {@code <data-dir>/tenants/<tenant>/exports/}. Each request's tenant
 * comes from the {@code X-Tenant-ID} header ({@link TenantFilter}).
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    /**
     * With {@code --orders.port-file=<file>}, writes the port Tomcat listens on once the service is
     * ready (schema set up, port open), so a test or script started with {@code --server.port=0}
     * knows where to send requests and when.
     */
    @EventListener
    public void ready(ApplicationReadyEvent event) {
        String portFile = event.getApplicationContext().getEnvironment().getProperty("orders.port-file");
        if (portFile == null || portFile.isBlank()
                || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        try {
            Path target = Path.of(portFile).toAbsolutePath();
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.writeString(partial, Integer.toString(web.getWebServer().getPort()));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the port file " + portFile, e);
        }
    }
}
