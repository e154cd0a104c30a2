package dev.tenantguard.agent.propagation;

import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.ContextGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records context leaks ({@code CONTEXT_LEAK}): work that ended on a pool thread with a tenant
 * scope it opened still open. Never throws: the work is over, and the thread is already put back
 * as it was. The call site is where the scope was opened when that was recorded, else the task's
 * class (for a lambda, the class that wrote it).
 */
public final class ContextLeakReporter implements ContextGuard {
    static final String UNIT = "task";

    private final ViolationReporter reporter;
    private final int stackDepth;

    public ContextLeakReporter(ViolationReporter reporter, int stackDepth) {
        this.reporter = reporter;
        this.stackDepth = stackDepth;
    }

    @Override
    public void leak(String tenant, Thread thread, Object task, Throwable openSite) {
        List<String> frames = applicationFrames(openSite);
        String openedAt = frames.isEmpty() ? null : frames.get(0);
        String callSite = openedAt != null ? openedAt : taskClass(task);
        String message = TenantBoundaryViolation.describe(ViolationKind.CONTEXT_LEAK, UNIT, thread.getName(), null,
                tenant, openedAt);
        reporter.record(new ViolationEvent(Instant.now(), ViolationKind.CONTEXT_LEAK.name(), "context", UNIT,
                thread.getName(), null, tenant, openedAt, "REPORTED", thread.getName(), callSite, frames, message));
    }

    /** The frames of {@code site} from the first one outside the agent and the JDK, at most stackDepth. */
    private List<String> applicationFrames(Throwable site) {
        List<String> frames = new ArrayList<>();
        if (site == null) {
            return frames;
        }
        boolean started = false;
        for (StackTraceElement frame : site.getStackTrace()) {
            String type = frame.getClassName();
            started |= !(type.startsWith("dev.tenantguard.") || type.startsWith("java.") || type.startsWith("jdk.")
                    || type.startsWith("sun."));
            if (started && frames.size() < stackDepth) {
                frames.add(frame.toString());
            }
        }
        return frames;
    }

    /** The application class of the task; a JDK class (a FutureTask …) hides it: "unknown". */
    private static String taskClass(Object task) {
        String name = task == null ? "java." : task.getClass().getName();
        if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            return "unknown";
        }
        int lambda = name.indexOf("$$Lambda");
        return lambda > 0 ? name.substring(0, lambda) : name;
    }
}
