package dev.tenantguard.agent;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.control.MicrometerMeters;
import dev.tenantguard.agent.control.TenantGuardControl;
import dev.tenantguard.agent.report.ViolationReporter;

/**
 * Registers the JMX view of the agent and its metrics, and looks for the application's Micrometer. At {@code -javaagent} start this happens on a daemon
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
        // observed from now on: the first violation finds the application's Micrometer, whenever it comes
        MicrometerMeters meters = MicrometerMeters.observe(modes, reporter);
        if (!atStart) {
            register(policy, startedBy, modes, reporter);
            meters.searchSystemLoader();
            return;
        }
        Thread thread = new Thread(new Runnable() { // a class, not a lambda: no class spun at start
            @Override
            public void run() {
                register(policy, startedBy, modes, reporter);
                meters.searchSystemLoader();
            }
        }, "tenant-guard-jmx");
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
