package com.example.clinic;

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
 * A multi-tenant veterinary clinic service on Spring Data JPA and Hibernate 6: owners with their
 * pets, the pets' visits and tags, in shared PostgreSQL tables with a {@code tenant_id} column that
 * Hibernate fills and filters ({@code @TenantId}); species are shared by every tenant. The schema is
 * Flyway's. Each request's tenant is the {@code X-Tenant-ID} header, which tenant-guard reads and puts
 * in context ({@link CurrentTenant}). With {@code --clinic.multitenancy=schema} each tenant's tables are in
 * a schema of its own instead, reached through Hibernate's schema-per-tenant connection provider
 * ({@link SchemaPerTenantConnections}).
 */
@SpringBootApplication
public class ClinicApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClinicApplication.class, args);
    }

    /** With {@code --clinic.port-file=<file>}, writes Tomcat's port once the service is ready. */
    @EventListener
    public void ready(ApplicationReadyEvent event) {
        String portFile = event.getApplicationContext().getEnvironment().getProperty("clinic.port-file");
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
