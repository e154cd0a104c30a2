package dev.tenantguard.api;

import dev.tenantguard.internal.TenantHooks;
import dev.tenantguard.internal.ThreadState;
import java.util.concurrent.Callable;

/**
 * The tenant of the current unit of work, per thread.
 *
 * <p>Works the same with or without the agent. With the agent, this class is loaded by the
 * bootstrap loader, so the tenant the application sets here is the one the agent checks
 * guarded calls against.
 */
public final class TenantContext {

    private TenantContext() {
    }

    /** The tenant of the calling thread, or {@code null} when none is set. */
    public static String current() {
        return ThreadState.current().tenant();
    }

    /**
     * Makes {@code tenant} current on this thread until the returned scope is closed. Scopes nest:
     * closing one restores the tenant that was current when it was opened.
     *
     * @throws IllegalArgumentException if {@code tenant} is null or empty
     * @throws TenantBoundaryViolation  with the agent in enforce mode, if {@code tenant} does not
     *                                  match the policy's {@code tenant.pattern}
     */
    public static TenantScope open(String tenant) {
        if (tenant == null || tenant.isEmpty()) {
            throw new IllegalArgumentException("tenant must be a non-empty id, was " + (tenant == null ? "null" : "\"\""));
        }
        return new TenantScope(TenantHooks.open(tenant));
    }

    /** Runs {@code work} with {@code tenant} current, then restores the previous tenant. */
    public static void run(String tenant, Runnable work) {
        try (TenantScope ignored = open(tenant)) {
            work.run();
        }
    }

    /** Calls {@code work} with {@code tenant} current, then restores the previous tenant. */
    public static <T> T call(String tenant, Callable<T> work) throws Exception {
        try (TenantScope ignored = open(tenant)) {
            return work.call();
        }
    }

    /**
     * Runs {@code work} in a privileged scope: cross-tenant access is allowed inside it (for
     * migrations, admin jobs). Each entry is recorded by the agent as an audit event with the
     * reason and the call site.
     *
     * @throws IllegalArgumentException if {@code reason} is null or blank
     */
    public static void privileged(String reason, Runnable work) {
        enterPrivileged(reason);
        try {
            work.run();
        } finally {
            TenantHooks.privilegedExited();
        }
    }

    /** The {@link Callable} form of {@link #privileged(String, Runnable)}. */
    public static <T> T privileged(String reason, Callable<T> work) throws Exception {
        enterPrivileged(reason);
        try {
            return work.call();
        } finally {
            TenantHooks.privilegedExited();
        }
    }

    /** Whether the calling thread is inside a privileged scope. */
    public static boolean isPrivileged() {
        return ThreadState.current().privileged();
    }

    private static void enterPrivileged(String reason) {
        if (reason == null || reason.trim().isEmpty()) {
            throw new IllegalArgumentException("a privileged scope needs a reason for the audit trail");
        }
        TenantHooks.privilegedEntered(reason);
    }
}
