package dev.tenantguard.agent.control;

import java.util.Map;

/**
 * The agent seen through JMX, registered in the platform MBean server as
 * {@value TenantGuardControl#OBJECT_NAME}: what it has recorded, the mode of each family, and the
 * switch between {@code report} and {@code enforce} — the way to promote one family at a time.
 *
 * <p>Each violation is also sent as a notification of type {@value TenantGuardControl#VIOLATION}
 * whose message is the violation's sentence and whose user data is its JSON line.
 */
public interface TenantGuardMXBean {
    /** The policy file the agent runs with (or the options it was given). */
    String getPolicy();

    /** How the agent was started: {@code -javaagent} or {@code attach}. */
    String getStartedBy();

    /**
     * What this agent does not check although its policy asks for it, each as a sentence that says why
     * (drivers and pools loaded before an attach); empty when it checks all it was asked to.
     */
    java.util.List<String> getNotChecked();

    /** {@code report}, {@code enforce} or {@code not guarded}. */
    String getFilesMode();

    String getJdbcMode();

    String getHttpMode();

    /** Violations recorded so far (repeats included, privileged-scope audits not). */
    long getViolations();

    long getBlocked();

    long getReported();

    /** Entries into privileged scopes so far. */
    long getPrivilegedScopes();

    /** Events by kind: {@code CROSS_TENANT}, {@code NO_TENANT}, {@code UNSCOPED_QUERY}, {@code NOT_VERIFIED}, {@code INVALID_TENANT}, {@code PRIVILEGED}. */
    Map<String, Long> getViolationsByKind();

    /** Events by family: {@code files}, {@code jdbc}, {@code http}, {@code context}. */
    Map<String, Long> getViolationsByFamily();

    /**
     * Switches a guarded family ({@code files}, {@code jdbc}, {@code http}) to {@code report} or
     * {@code enforce}, from the next crossing on. Returns a sentence saying what changed.
     */
    String setMode(String family, String mode);

    /** {@code setMode(family, "enforce")}. */
    String enforce(String family);

    /** {@code setMode(family, "report")}. */
    String report(String family);
}
