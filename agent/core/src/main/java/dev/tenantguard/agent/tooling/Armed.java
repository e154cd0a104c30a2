package dev.tenantguard.agent.tooling;

import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.agent.report.ViolationReporter;

/**
 * What every family's checker is armed with: the policy, the one enforcer that turns a crossing
 * into a block or a report, the reporter, and the modes that JMX can switch.
 *
 * @param policy   the policy the agent started with
 * @param enforcer decides and records each crossing
 * @param reporter the sinks of every violation
 * @param modes    the current mode of each guarded family
 * @param key      the agent's key: installs the checkers, writes the thread state
 * @param observations where the checkers record what the service touches as a tenant
 *                 ({@code report.observe}), or {@code null} when observation is off
 */
public record Armed(Policy policy, BoundaryEnforcer enforcer, ViolationReporter reporter, FamilyModes modes, AgentKey key,
        Observations observations) {
}
