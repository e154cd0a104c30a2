package dev.tenantguard.junit;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * Hears every violation the agent records, through the notifications of its MXBean — delivered on
 * the thread that caused the violation, before the guarded call returns — and keeps those that
 * happen while a guarded test runs.
 */
final class ViolationCollector implements NotificationListener {
    static final ViolationCollector INSTANCE = new ViolationCollector();

    private static final String MXBEAN = "dev.tenantguard:type=TenantGuard";
    private static final String VIOLATION = "tenantguard.violation";
    private static final long REGISTRATION_WAIT_SECONDS = 30;
    private static final Pattern CALL_SITE = Pattern.compile("\"callSite\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<String> violations = new ArrayList<>();
    private boolean listening;
    private boolean collecting;

    private ViolationCollector() {
    }

    /** Starts listening; waits a while for the MXBean, which a {@code -javaagent} start registers in the background. */
    synchronized void listen() throws InterruptedException {
        if (listening) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(MXBEAN);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REGISTRATION_WAIT_SECONDS);
            while (!server.isRegistered(name) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            server.addNotificationListener(name, this, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("tenant-guard: the agent runs but its JMX view " + MXBEAN
                    + " is not there, so violations cannot be tied to tests: " + e);
        }
        listening = true;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!VIOLATION.equals(notification.getType())) {
            return;
        }
        String line = notification.getMessage();
        Matcher callSite = CALL_SITE.matcher(String.valueOf(notification.getUserData()));
        if (callSite.find()) {
            line += " at " + callSite.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        synchronized (this) {
            if (collecting) {
                violations.add(line);
            }
        }
    }

    synchronized void start() {
        violations.clear();
        collecting = true;
    }

    /** The violations since the last call; collecting goes on. */
    synchronized List<String> restart() {
        List<String> since = new ArrayList<>(violations);
        violations.clear();
        return since;
    }

    /** The violations since the last call; collecting stops. */
    synchronized List<String> stop() {
        collecting = false;
        return restart();
    }
}
