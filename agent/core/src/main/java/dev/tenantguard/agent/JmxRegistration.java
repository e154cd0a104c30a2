package dev.tenantguard.agent;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.control.MicrometerMeters;
import dev.tenantguard.agent.control.TenantGuardControl;
import dev.tenantguard.agent.report.ViolationReporter;
import java.util.List;

/**
 * Registers the JMX view of the agent and its metrics, and looks for the application's Micrometer.
 * At {@code -javaagent} start this happens on a daemon thread, {@link #START_DELAY_MILLIS} after
 * start: creating the platform MBean server takes tens of milliseconds of CPU that the
 * application's start-up should neither wait for nor share the cores with. On attach the
 * application is already running, so it happens at once and is there when the attach command
 * returns. A JVM without JMX (no {@code java.management} module, or a registration refused) runs
 * on unchanged, without the view.
 */
final class JmxRegistration {
    /**
     * How long the registration waits at {@code -javaagent} start. Creating the platform MBean server
     * loads a few hundred classes; on a small host that work competes with the application's own
     * start for the cores, and a short-lived process (a tool, a batch step) would pay it for nothing.
     */
    static final long START_DELAY_MILLIS = 1000;

    private JmxRegistration() {
    }

    static void start(String policy, boolean atStart, List<String> notChecked, FamilyModes modes, ViolationReporter reporter) {
        String startedBy = atStart ? "-javaagent" : "attach";
        // observed from now on: the first violation finds the application's Micrometer, whenever it comes
        MicrometerMeters meters = MicrometerMeters.observe(modes, reporter);
        if (!atStart) {
            register(policy, startedBy, notChecked, modes, reporter);
            meters.searchSystemLoader();
            return;
        }
        Thread thread = new Thread(new Runnable() { // a class, not a lambda: no class spun at start
            @Override
            public void run() {
                try {
                    Thread.sleep(START_DELAY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // register now, and leave the flag for whoever interrupted
                }
                register(policy, startedBy, notChecked, modes, reporter);
                meters.searchSystemLoader();
            }
        }, "tenant-guard-jmx");
        thread.setDaemon(true);
        thread.start();
    }

    private static void register(String policy, String startedBy, List<String> notChecked, FamilyModes modes,
            ViolationReporter reporter) {
        try {
            TenantGuardControl.register(policy, startedBy, notChecked, modes, reporter);
        } catch (LinkageError noJmx) {
            // java.management is not in this runtime image: no view, nothing else changes
        }
    }
}
