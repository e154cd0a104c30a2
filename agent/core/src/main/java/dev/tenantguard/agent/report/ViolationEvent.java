package dev.tenantguard.agent.report;

import java.time.Instant;
import java.util.List;

/**
 * One recorded event: a violation (kind {@code CROSS_TENANT}, {@code NO_TENANT} …) or an audit
 * event (kind {@code PRIVILEGED}, with its {@code reason}). Fields as in the JSONL report.
 *
 * @param action {@code BLOCKED}, {@code REPORTED} or {@code AUDIT}
 * @param rule   the rule that owns the resource; for audit events, the reason
 * @param sql    the SQL of a JDBC violation, else {@code null}
 */
public record ViolationEvent(
        Instant time,
        String kind,
        String family,
        String operation,
        String resource,
        String resourceTenant,
        String activeTenant,
        String rule,
        String action,
        String thread,
        String callSite,
        List<String> stack,
        String message,
        String sql) {

    /** An event that ran no SQL. */
    public ViolationEvent(Instant time, String kind, String family, String operation, String resource,
            String resourceTenant, String activeTenant, String rule, String action, String thread, String callSite,
            List<String> stack, String message) {
        this(time, kind, family, operation, resource, resourceTenant, activeTenant, rule, action, thread, callSite,
                stack, message, null);
    }

    public boolean isAudit() {
        return "AUDIT".equals(action);
    }
}
