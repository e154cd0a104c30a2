package dev.tenantguard.agent.control;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.report.Json;
import dev.tenantguard.agent.report.ViolationCounters;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;

/** The {@link TenantGuardMXBean}: a view of the reporter's counters and the families' modes. */
public final class TenantGuardControl implements TenantGuardMXBean {
    public static final String OBJECT_NAME = "dev.tenantguard:type=TenantGuard";
    /** Notification type of a violation. */
    public static final String VIOLATION = "tenantguard.violation";

    private final String policy;
    private final String startedBy;
    private final FamilyModes modes;
    private final ViolationCounters counters;
    private final NotificationBroadcasterSupport notifications = new NotificationBroadcasterSupport(
            new MBeanNotificationInfo(new String[] {VIOLATION}, Notification.class.getName(),
                    "a tenant boundary violation: the message is its sentence, the user data its JSON line"));
    private final AtomicLong sequence = new AtomicLong();
    private final java.util.List<String> notChecked;
    private ObjectName name;

    TenantGuardControl(String policy, String startedBy, java.util.List<String> notChecked, FamilyModes modes,
            ViolationCounters counters) {
        this.policy = policy;
        this.notChecked = java.util.List.copyOf(notChecked);
        this.startedBy = startedBy;
        this.modes = modes;
        this.counters = counters;
    }

    /**
     * Registers the MXBean in the platform MBean server, with the {@link MetricBeans}, and sends a
     * notification for each event the reporter records. Returns an empty string when done, else why not: a JVM without JMX (or
     * one that refuses the registration) runs on unchanged.
     */
    public static String register(String policy, String startedBy, java.util.List<String> notChecked, FamilyModes modes,
            ViolationReporter reporter) {
        try {
            TenantGuardControl control = new TenantGuardControl(policy, startedBy, notChecked, modes, reporter.counters());
            ObjectName name = new ObjectName(OBJECT_NAME);
            control.name = name;
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.registerMBean(
                    new StandardEmitterMBean(control, TenantGuardMXBean.class, true, control.notifications), name);
            reporter.observe(control::violation);
            MetricBeans.register(server, modes, reporter.counters());
            return "";
        } catch (Exception | LinkageError e) {
            return e.toString();
        }
    }

    private void violation(ViolationEvent event) {
        if (event.isAudit()) {
            return;
        }
        Notification notification = new Notification(VIOLATION, name, sequence.incrementAndGet(),
                event.time().toEpochMilli(), event.message());
        notification.setUserData(Json.line(event, 1));
        notifications.sendNotification(notification);
    }

    @Override
    public String getPolicy() {
        return policy;
    }

    @Override
    public String getStartedBy() {
        return startedBy;
    }

    @Override
    public java.util.List<String> getNotChecked() {
        return notChecked;
    }

    @Override
    public String getFilesMode() {
        return modes.snapshot().get("files");
    }

    @Override
    public String getJdbcMode() {
        return modes.snapshot().get("jdbc");
    }

    @Override
    public String getHttpMode() {
        return modes.snapshot().get("http");
    }

    @Override
    public long getViolations() {
        return counters.ofAction("BLOCKED") + counters.ofAction("REPORTED");
    }

    @Override
    public long getBlocked() {
        return counters.ofAction("BLOCKED");
    }

    @Override
    public long getReported() {
        return counters.ofAction("REPORTED");
    }

    @Override
    public long getPrivilegedScopes() {
        return counters.ofAction("AUDIT");
    }

    @Override
    public Map<String, Long> getViolationsByKind() {
        return counters.byKind();
    }

    @Override
    public Map<String, Long> getViolationsByFamily() {
        return counters.byFamily();
    }

    @Override
    public String setMode(String family, String mode) {
        Mode before = modes.set(family, mode);
        String name = family.trim().toLowerCase();
        String after = modes.of(name).name().toLowerCase();
        String line = "tenant-guard: " + name + " switched from " + before.name().toLowerCase() + " to " + after
                + " through JMX";
        System.err.println(line);
        return line.substring("tenant-guard: ".length());
    }

    @Override
    public String enforce(String family) {
        return setMode(family, "enforce");
    }

    @Override
    public String report(String family) {
        return setMode(family, "report");
    }
}
