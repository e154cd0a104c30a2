package com.example.probe;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import dev.tenantguard.internal.FileHooks;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Injects a fault into the file checker: {@code FileHooks.file} with an operation code the agent does
 * not know, on another tenant's path, fails inside the checker (its report names the operation by
 * code). Three calls from one call site, one from another; then a plain crossing. Arguments: the
 * root of the tenant folders.
 */
public final class FaultApp {
    private static final int UNKNOWN_OPERATION = 0xF; // the low four bits name the operation: 15 names none

    private FaultApp() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String other = root.resolve("globex/data.txt").toString();
        try (TenantScope ignored = TenantContext.open("acme")) {
            for (int i = 0; i < 3; i++) {
                System.out.println("STEP " + i + " " + firstSite(other));
            }
            System.out.println("STEP 3 " + secondSite(other));
            String crossing;
            try {
                Files.readString(Path.of(other));
                crossing = "READ";
            } catch (TenantBoundaryViolation v) {
                crossing = "BLOCKED " + v.kind();
            }
            System.out.println("STEP 4 " + crossing);
        }
    }

    private static String firstSite(String path) {
        try {
            FileHooks.file(path, UNKNOWN_OPERATION);
            return "PASSED";
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind() + " " + v.getMessage();
        }
    }

    private static String secondSite(String path) {
        try {
            FileHooks.file(path, UNKNOWN_OPERATION);
            return "PASSED";
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind();
        }
    }
}
