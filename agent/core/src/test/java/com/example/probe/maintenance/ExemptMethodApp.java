package com.example.probe.maintenance;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads {@code args[0]} as tenant acme through {@link MaintenanceJob#purgeArchive} (step 0) and
 * {@link MaintenanceJob#export} (step 1); prints {@code STEP i OK <content>} or {@code STEP i BLOCKED <kind>}.
 */
public final class ExemptMethodApp {
    private ExemptMethodApp() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        System.out.println("STEP 0 " + read(MaintenanceJob::purgeArchive, file));
        System.out.println("STEP 1 " + read(MaintenanceJob::export, file));
    }

    private static String read(Function<Path, String> job, Path file) {
        try {
            return "OK " + TenantContext.call("acme", () -> job.apply(file));
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind();
        } catch (Exception e) {
            return "FAILED " + e;
        }
    }
}
