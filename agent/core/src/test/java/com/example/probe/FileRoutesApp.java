package com.example.probe;

import com.example.probe.admin.AdminTask;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.TenantContext;
import java.nio.file.Path;

/**
 * A stand-in application for the integration tests: runs the steps given as arguments and prints
 * what happened to each, as a user of the agent would observe it.
 *
 * <p>A step is {@code ROUTE|tenant|a|b|wrap}: tenant {@code -} for none; {@code b} may be empty;
 * wrap is {@code plain}, {@code privileged}, {@code admin} (called from an exempt class) or
 * {@code loopN} (the same call N times); {@code {pid}} in a path is this process's id. Output: {@code STEP i OK}, {@code STEP i BLOCKED kind
 * message} or {@code STEP i FAILED exception}. {@code ANOTHER_PROCESS|-|script|millis|plain} runs a
 * shell script in a process of its own, then waits.
 */
public final class FileRoutesApp {
    static final String ANOTHER_PROCESS = "ANOTHER_PROCESS";

    private FileRoutesApp() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < args.length; i++) {
            System.out.println("STEP " + i + " " + run(args[i].split("\\|", -1)));
        }
    }

    private static String run(String[] step) {
        if (step[0].equals(ANOTHER_PROCESS)) {
            return anotherProcess(step[2], Long.parseLong(step[3]));
        }
        FileRoute route = FileRoute.valueOf(step[0]);
        String tenant = step[1];
        String pid = Long.toString(ProcessHandle.current().pid());
        Path a = Path.of(step[2].replace("{pid}", pid));
        Path b = step[3].isEmpty() ? null : Path.of(step[3].replace("{pid}", pid));
        String wrap = step[4];
        Runnable call = () -> wrapped(route, a, b, wrap);
        try {
            if (tenant.equals("-")) {
                call.run();
            } else {
                TenantContext.run(tenant, call);
            }
            return "OK";
        } catch (TenantBoundaryViolation v) {
            return "BLOCKED " + v.kind() + " " + v.getMessage();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "FAILED " + cause;
        }
    }

    /**
     * Runs {@code script} in {@code sh}, a process of its own whose file changes the agent in this
     * one cannot see, then waits {@code millis}.
     */
    private static String anotherProcess(String script, long millis) {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).inheritIO().start();
            int exit = p.waitFor();
            Thread.sleep(millis);
            return exit == 0 ? "OK" : "FAILED sh exited with " + exit;
        } catch (Exception e) {
            return "FAILED " + e;
        }
    }

    private static void wrapped(FileRoute route, Path a, Path b, String wrap) {
        if (wrap.equals("privileged")) {
            TenantContext.privileged("integration test: admin copy", () -> unchecked(route, a, b));
        } else if (wrap.equals("admin")) {
            AdminTask.run(() -> unchecked(route, a, b));
        } else if (wrap.startsWith("loop")) {
            int times = Integer.parseInt(wrap.substring(4));
            for (int i = 0; i < times; i++) {
                unchecked(route, a, b);
            }
        } else {
            unchecked(route, a, b);
        }
    }

    private static void unchecked(FileRoute route, Path a, Path b) {
        try {
            route.run(a, b);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
