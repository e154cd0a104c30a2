package dev.tenantguard.agent.control;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.report.ViolationCounters;
import java.util.regex.Pattern;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The agent's metrics as MBeans, one per counter and one per gauge, so that a JMX scraper (the
 * Prometheus JMX exporter with {@code docs/tenant-guard-jmx-exporter.yaml}) turns each into one series
 * with its labels taken from the object name: a violation counter per kind, family and action, and the
 * mode of each family that can be switched.
 */
final class MetricBeans {
    static final String DOMAIN = "dev.tenantguard";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");

    private MetricBeans() {
    }

    /** Registers the gauges now and each counter as its first event is counted (on that thread). */
    static void register(MBeanServer server, FamilyModes modes, ViolationCounters counters) throws Exception {
        for (String family : FamilyModes.SWITCHABLE) {
            ObjectName name = new ObjectName(DOMAIN + ":type=Family,name=" + value(family));
            register(server, new FamilyModeView(modes, family), FamilyModeMXBean.class, name);
        }
        counters.eachSeries(series -> {
            try {
                ObjectName name = new ObjectName(DOMAIN + ":type=Violations,kind=" + value(series.kind()) + ",family="
                        + value(series.family()) + ",action=" + value(series.action()));
                register(server, new SeriesView(series), ViolationSeriesMXBean.class, name);
            } catch (Exception | LinkageError e) {
                // the series stays in the TenantGuard MBean's totals; a refused name must not fail a violation
            }
        });
    }

    private static <T> void register(MBeanServer server, T bean, Class<T> type, ObjectName name) throws Exception {
        try {
            server.registerMBean(new javax.management.StandardMBean(bean, type, true), name);
        } catch (InstanceAlreadyExistsException again) {
            // a series given twice (added while the listener was being attached): one bean is enough
        }
    }

    private static String value(String part) {
        return PLAIN.matcher(part).matches() ? part : ObjectName.quote(part);
    }

    private record FamilyModeView(FamilyModes modes, String family) implements FamilyModeMXBean {
        @Override
        public String getMode() {
            return modes.snapshot().get(family);
        }

        @Override
        public int getLevel() {
            return ModeLevel.of(modes, family);
        }
    }

    private record SeriesView(ViolationCounters.Series series) implements ViolationSeriesMXBean {
        @Override
        public String getKind() {
            return series.kind();
        }

        @Override
        public String getFamily() {
            return series.family();
        }

        @Override
        public String getAction() {
            return series.action();
        }

        @Override
        public long getCount() {
            return series.count();
        }
    }
}
