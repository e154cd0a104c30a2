package dev.tenantguard.agent.check;

import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.CallSite;
import dev.tenantguard.agent.report.Baseline;
import dev.tenantguard.agent.report.CallStack;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import java.time.Instant;
import java.util.List;

/**
 * What a boundary crossing gets, shared by every family: let through for an exempt caller,
 * otherwise recorded, and thrown in {@code enforce} mode. Runs only on the violation path, so it
 * may allocate; but in {@code report} mode a violation that repeats at a known call site (one bug
 * hit on every request) is found by a short stack walk and counted before its record is built.
 *
 * <p>A {@code NO_TENANT} crossing gets the weaker of the family's mode and {@code noTenant}:
 * {@code noTenant} can relax a family (e.g. report missing tenants while enforcing crossings),
 * never make a {@code report} family block.
 */
public final class BoundaryEnforcer {
    private final ViolationReporter reporter;
    private final CallerPatterns exemptCallers;
    private final NoTenantResponse noTenant;
    private final int stackDepth;
    private final FamilyModes modes;
    private final Baseline baseline;

    public BoundaryEnforcer(ViolationReporter reporter, CallerPatterns exemptCallers, NoTenantResponse noTenant,
            int stackDepth) {
        this(reporter, exemptCallers, noTenant, stackDepth, FamilyModes.none());
    }

    /** @param modes the families' modes switched at run time; they take precedence over the checkers' */
    public BoundaryEnforcer(ViolationReporter reporter, CallerPatterns exemptCallers, NoTenantResponse noTenant,
            int stackDepth, FamilyModes modes) {
        this(reporter, exemptCallers, noTenant, stackDepth, modes, Baseline.NONE);
    }

    /** @param baseline the known call sites ({@code report.baseline}): recorded as {@code KNOWN}, never blocked */
    public BoundaryEnforcer(ViolationReporter reporter, CallerPatterns exemptCallers, NoTenantResponse noTenant,
            int stackDepth, FamilyModes modes, Baseline baseline) {
        this.reporter = reporter;
        this.exemptCallers = exemptCallers;
        this.noTenant = noTenant;
        this.stackDepth = stackDepth;
        this.modes = modes;
        this.baseline = baseline;
    }

    /** Handles a crossing of a family running in {@code familyMode}; throws to block it. */
    public void crossing(Mode familyMode, String family, String operation, String resource, String owner,
            String activeTenant, String rule) {
        violation(familyMode, activeTenant == null ? ViolationKind.NO_TENANT : ViolationKind.CROSS_TENANT, family,
                operation, resource, owner, activeTenant, rule, null);
    }

    /** Handles a tenant id that does not match {@code tenant.pattern}; throws in {@code enforce} mode. */
    public void invalidTenant(Mode mode, String tenant, String pattern, String activeTenant) {
        violation(mode, ViolationKind.INVALID_TENANT, "context", "OPEN", tenant, null, activeTenant, pattern, null);
    }

    /**
     * Handles any violation: let through for an exempt caller, else recorded, and thrown when
     * {@code familyMode} (or the mode the family was switched to at run time; relaxed by
     * {@code noTenant} for {@code NO_TENANT}) enforces.
     *
     * @param rule for {@code UNSCOPED_QUERY}, the reason the statement is not restricted
     * @param sql  the statement of a JDBC violation, else {@code null}
     */
    public void violation(Mode familyMode, ViolationKind kind, String family, String operation, String resource,
            String owner, String activeTenant, String rule, String sql) {
        violation(familyMode, kind, family, operation, resource, owner, activeTenant, rule, sql, sql);
    }

    /**
     * As above, with the repeats of a JDBC violation told apart by {@code statementKey} rather than by
     * the text: the statement's shape (its literals taken out), so that texts that differ only in
     * inlined values repeat one violation. The report shows {@code sql}, the text of the occurrence.
     */
    public void violation(Mode familyMode, ViolationKind kind, String family, String operation, String resource,
            String owner, String activeTenant, String rule, String sql, String statementKey) {
        boolean block = modes.current(family, familyMode) == Mode.ENFORCE;
        if (kind == ViolationKind.NO_TENANT) {
            if (noTenant == NoTenantResponse.ALLOW) {
                return;
            }
            block = block && noTenant == NoTenantResponse.ENFORCE;
        }
        String reportedRule = kind == ViolationKind.INVALID_TENANT && "OPEN".equals(operation)
                ? "tenant.pattern " + rule : rule;
        CallSite site = null;
        if (!block) {
            // report mode: a repeat at a known call site is found and counted before anything is built
            site = CallSite.locate(kind.name(), reportedRule, statementKey, exemptCallers.isEmpty() ? null : exemptCallers::matches);
            if (site != null && (site.isExempt()
                    || reporter.recordRepeat(site, family, "REPORTED", activeTenant, owner))) {
                return;
            }
        }
        CallStack stack = CallStack.capture(stackDepth);
        if (isExempt(stack)) {
            return;
        }
        boolean known = baseline.knows(kind.name(), family, stack.callSite());
        block = block && !known;
        // the exception (and the stack trace it fills in) only for a call that is blocked
        TenantBoundaryViolation violation =
                block ? new TenantBoundaryViolation(kind, family, operation, resource, owner, activeTenant, rule) : null;
        String message = block ? violation.getMessage()
                : TenantBoundaryViolation.describe(kind, operation, resource, owner, activeTenant, rule);
        reporter.record(new ViolationEvent(Instant.now(), kind.name(), family, operation, resource, owner,
                activeTenant, reportedRule, block ? "BLOCKED" : known ? "KNOWN" : "REPORTED",
                Thread.currentThread().getName(), stack.callSite(), stack.frames(), message, sql), site, statementKey);
        if (block) {
            violation.setStackTrace(CallStack.withoutAgentFrames(violation.getStackTrace()));
            throw violation;
        }
    }

    /**
     * Records an audit event that is not a violation (action {@code AUDIT}), e.g. a schema statement on a
     * tenant table ({@code kind} {@code SCHEMA}).
     *
     * @param reason what was done, one sentence, in the {@code rule} field
     */
    public void audit(String kind, String family, String operation, String resource, String activeTenant,
            String reason, String sql) {
        CallStack stack = CallStack.capture(stackDepth);
        reporter.record(new ViolationEvent(Instant.now(), kind, family, operation, resource, null, activeTenant, reason,
                "AUDIT", Thread.currentThread().getName(), stack.callSite(), stack.frames(),
                kind.toLowerCase(java.util.Locale.ROOT) + " statement audited: " + reason, sql));
    }

    /** Records the entry into a privileged scope. */
    public void privileged(String reason, String activeTenant) {
        CallStack stack = CallStack.capture(stackDepth);
        reporter.record(new ViolationEvent(Instant.now(), "PRIVILEGED", "context", "PRIVILEGED", null, null,
                activeTenant, reason, "AUDIT", Thread.currentThread().getName(), stack.callSite(), stack.frames(),
                "privileged scope entered: " + reason));
    }

    private boolean isExempt(CallStack stack) {
        if (exemptCallers.isEmpty()) {
            return false;
        }
        List<String> classes = stack.applicationClasses();
        for (int i = 0; i < classes.size(); i++) {
            if (exemptCallers.matches(classes.get(i), stack.applicationMethods().get(i))) {
                return true;
            }
        }
        return false;
    }
}
