package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;

/**
 * A failure inside the agent's check of a call: the call could not be verified. What it gets is the
 * policy's {@code onError} ({@link ErrorGuard}): refused as {@code INTERNAL_ERROR} when its family
 * fails closed, else let through — recorded either way, once per call site. The first error's stack
 * trace is printed once, for a bug report. Before the agent is armed (its own start) an error lets
 * the call through.
 */
public final class AgentErrors {
    private static volatile boolean internalErrorPrinted;
    private static volatile ErrorGuard guard;
    private static boolean installed;

    private AgentErrors() {
    }

    /** Installs the agent's {@code onError}: once, by the agent. */
    public static synchronized void install(AgentKey key, ErrorGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the error guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** The agent's self-test: a probe guard (or {@code null}) before {@link #install}; refused after it. */
    public static synchronized void probe(AgentKey key, ErrorGuard g) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the error guard is installed; refused");
        }
        guard = g;
    }

    /**
     * The check of a call in {@code family} failed at {@code site}: throws
     * {@code TenantBoundaryViolation} when the family fails closed, else returns to let it through.
     */
    public static void internalError(String family, String site, Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        print(t);
        ErrorGuard g = guard;
        if (g == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        boolean wasBusy = s.busy;
        s.busy = true;
        try {
            g.internalError(family, site, t);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable recording) {
            print(recording);
            if (failsClosed(g, family)) {
                throw new TenantBoundaryViolation(ViolationKind.INTERNAL_ERROR, family, "CHECK", site, null, s.tenant,
                        "onError failClosed: " + t.getClass().getName());
            }
        } finally {
            s.busy = wasBusy;
        }
    }

    /**
     * An object of a library class the agent cannot check (its version lacks the method the agent
     * checks it at) is being made: throws {@code TenantBoundaryViolation} while {@code family}
     * enforces, else returns (recorded once). Unknown is not allowed: when the recording itself
     * fails, the object is refused.
     */
    public static void unverifiedLibrary(String family, String resource, String reason) {
        ErrorGuard g = guard;
        if (g == null) {
            return;
        }
        ThreadState s = ThreadState.current();
        boolean wasBusy = s.busy;
        s.busy = true;
        try {
            g.unverifiedLibrary(family, resource, reason);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable recording) {
            print(recording);
            throw new TenantBoundaryViolation(ViolationKind.NOT_VERIFIED, family, "use", resource, null, s.tenant,
                    reason);
        } finally {
            s.busy = wasBusy;
        }
    }

    /** A failure where nothing is to be refused (a report, a scope's end): printed once, let through. */
    public static void internalError(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        print(t);
    }

    private static boolean failsClosed(ErrorGuard g, String family) {
        try {
            return g.failsClosed(family);
        } catch (Throwable t) {
            return true; // unknown is not allowed
        }
    }

    private static void print(Throwable t) {
        if (!internalErrorPrinted) {
            internalErrorPrinted = true;
            System.err.println("tenant-guard: internal error (onError decides whether the call runs). Please report this:");
            t.printStackTrace();
        }
    }
}
