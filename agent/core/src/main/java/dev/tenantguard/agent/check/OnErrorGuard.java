package dev.tenantguard.agent.check;

import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.ErrorGuard;
import dev.tenantguard.internal.ThreadState;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy's {@code onError}: a check that failed inside the agent could not verify its call, so
 * the call is refused (fail closed) or let through (fail open) — recorded as {@code INTERNAL_ERROR}
 * either way, once per call site (the reporter's deduplication), with the hook and the error's type
 * as its rule. By default a family fails closed while it enforces and open while it reports,
 * following a switch of its mode at run time.
 *
 * <p>It also answers for a library class the agent cannot check (its version lacks the method the
 * agent checks it at): refused while its family enforces, reported once while it reports.
 */
public final class OnErrorGuard implements ErrorGuard {
    private final Policy policy;
    private final FamilyModes modes;
    /** Its own enforcer, without the run-time modes: here onError decides, not the family's mode. */
    private final BoundaryEnforcer recorder;
    /** The library classes reported as unverified in {@code report}: one entry per class, never more. */
    private final Set<String> reportedLibraries = ConcurrentHashMap.newKeySet();

    public OnErrorGuard(Policy policy, FamilyModes modes, ViolationReporter reporter) {
        this.policy = policy;
        this.modes = modes;
        this.recorder = new BoundaryEnforcer(reporter, new CallerPatterns(policy.exemptCallers()),
                NoTenantResponse.ENFORCE, policy.stackDepth());
    }

    @Override
    public void internalError(String family, String site, Throwable error) {
        boolean closed = failsClosed(family);
        recorder.violation(closed ? Mode.ENFORCE : Mode.REPORT, ViolationKind.INTERNAL_ERROR, family, "CHECK", site,
                null, ThreadState.current().tenant(), (closed ? "onError failClosed: " : "onError failOpen: ")
                        + error.getClass().getName(), null);
    }

    @Override
    public void unverifiedLibrary(String family, String resource, String reason) {
        Mode mode = modes.current(family, configured(family));
        if (mode != Mode.ENFORCE && !reportedLibraries.add(resource)) {
            return; // reported once: the class is the same for every object made of it
        }
        recorder.violation(mode, ViolationKind.NOT_VERIFIED, family, "use", resource, null,
                ThreadState.current().tenant(), reason, null);
    }

    @Override
    public boolean failsClosed(String family) {
        return policy.onError().failsClosed(family, modes.current(family, configured(family)));
    }

    private Mode configured(String family) {
        return switch (family) {
            case "files" -> policy.filesMode();
            case "jdbc" -> policy.jdbc().mode();
            case "http" -> policy.http().mode();
            case "redis" -> policy.redis().mode();
            case "messaging" -> policy.messaging().mode();
            default -> policy.mode();
        };
    }
}
