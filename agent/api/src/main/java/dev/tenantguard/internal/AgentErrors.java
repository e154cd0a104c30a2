package dev.tenantguard.internal;

/**
 * A failure inside the agent: printed once, and the call is let through — the agent must never break
 * the application by accident; it only throws {@code TenantBoundaryViolation}, on purpose.
 */
public final class AgentErrors {
    private static volatile boolean internalErrorPrinted;

    private AgentErrors() {
    }

    /** Prints the first internal error of the agent and lets the call through. */
    public static void internalError(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        if (!internalErrorPrinted) {
            internalErrorPrinted = true;
            System.err.println("tenant-guard: internal error; the call was let through. Please report this:");
            t.printStackTrace();
        }
    }
}
