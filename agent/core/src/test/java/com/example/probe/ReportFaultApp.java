package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Crossings while the report file fails. Arguments: the root of the tenant folders, the report file,
 * and {@code delete} to delete the report file after the first crossing. As acme: reads globex's file
 * (first call site), then — after the deletion — writes into globex's folder (second call site), then
 * reads its own file.
 */
public final class ReportFaultApp {
    private ReportFaultApp() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path report = Path.of(args[1]);
        boolean delete = args.length > 2 && args[2].equals("delete");
        try (TenantScope ignored = TenantContext.open("acme")) {
            System.out.println("STEP 0 " + attempt(() -> Files.readString(root.resolve("globex/data.txt"))));
            if (delete) {
                Files.delete(report);
            }
            System.out.println("STEP 1 " + attempt(() -> Files.writeString(root.resolve("globex/new.txt"), "x")));
            System.out.println("STEP 2 " + attempt(() -> Files.readString(root.resolve("acme/data.txt"))));
        }
    }

    private static String attempt(Call call) {
        try {
            call.run();
            return "RAN";
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind();
        } catch (Exception e) {
            return "FAILED " + e;
        }
    }

    private interface Call {
        Object run() throws Exception;
    }
}
