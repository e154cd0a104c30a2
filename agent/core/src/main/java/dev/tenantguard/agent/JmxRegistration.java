package dev.tenantguard.agent;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.control.TenantGuardControl;
import dev.tenantguard.agent.report.ViolationReporter;

/**
 * Registers the JMX view of the agent. At {@code -javaagent} start this happens on a daemon
 * thread: creating the platform MBean server takes tens of milliseconds that the application's
 * start-up should not wait for. On attach the application is already running, so it happens at
 * once and is there when the attach command returns. A JVM without JMX (no {@code
 * java.management} module, or a registration refused) runs on unchanged, without the view.
 */
final class JmxRegistration {
    private JmxRegistration() {
    }

    static void start(String policy, boolean atStart, FamilyModes modes, ViolationReporter reporter) {
        String startedBy = atStart ? "-javaagent" : "attach";
        if (!atStart) {
            register(policy, startedBy, modes, reporter);
            return;
        }
        Thread thread = new Thread(() -> register(policy, startedBy, modes, reporter), "tenant-guard-jmx");
        thread.setDaemon(true);
        thread.start();
    }

    private static void register(String policy, String startedBy, FamilyModes modes, ViolationReporter reporter) {
        try {
            TenantGuardControl.register(policy, startedBy, modes, reporter);
        } catch (LinkageError noJmx) {
            // java.management is not in this runtime image: no view, nothing else changes
        }
    }
}
