package dev.tenantguard.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule file of {@code docs/} run through the Prometheus JMX exporter's own collector (the code its
 * Java agent and standalone server scrape with), over the agent's metric beans in the platform MBean
 * server: the text a Prometheus scrape reads holds exactly the series the Micrometer path publishes,
 * with their types and labels.
 */
class JmxExporterCollectorTest {
    private static final Path RULES = Path.of("..", "..", "docs", "tenant-guard-jmx-exporter.yaml");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** The platform server is the JVM's: no bean of another test's agent may be scraped, none left behind. */
    @BeforeEach
    @AfterEach
    void unregister() throws Exception {
        for (ObjectName name : server.queryNames(new ObjectName("dev.tenantguard:*"), null)) {
            server.unregisterMBean(name);
        }
    }

    @Test
    void theExporterScrapesTheSeriesTheRuleFileNames() throws Exception {
        FamilyModes modes = new FamilyModes();
        modes.guarded("files", Mode.ENFORCE);
        modes.guarded("jdbc", Mode.REPORT);
        ViolationReporter reporter = ViolationReporter.create(null, false);
        MetricBeans.register(server, modes, reporter.counters());
        record(reporter, "CROSS_TENANT", "files", "BLOCKED");
        record(reporter, "CROSS_TENANT", "files", "BLOCKED");
        record(reporter, "UNSCOPED_QUERY", "jdbc", "REPORTED");

        ByteArrayOutputStream scrape = new ByteArrayOutputStream();
        PrometheusRegistry registry = new PrometheusRegistry();
        new JmxCollector(RULES.toFile()).register(registry);
        new PrometheusTextFormatWriter(false).write(scrape, registry.scrape());
        String text = scrape.toString(StandardCharsets.UTF_8);

        assertEquals(List.of(
                "# TYPE tenant_guard_family_mode gauge",
                "tenant_guard_family_mode{family=\"files\"} 2.0",
                "tenant_guard_family_mode{family=\"http\"} 0.0",
                "tenant_guard_family_mode{family=\"jdbc\"} 1.0",
                "# TYPE tenant_guard_violations_total counter",
                "tenant_guard_violations_total{action=\"BLOCKED\",family=\"files\",kind=\"CROSS_TENANT\"} 2.0",
                "tenant_guard_violations_total{action=\"REPORTED\",family=\"jdbc\",kind=\"UNSCOPED_QUERY\"} 1.0"),
                text.lines().filter(l -> l.contains("tenant_guard_") && !l.startsWith("# HELP"))
                        .collect(Collectors.toList()), text);
    }

    private static void record(ViolationReporter reporter, String kind, String family, String action) {
        reporter.record(new ViolationEvent(Instant.now(), kind, family, "READ", "r", "globex", "acme", "rule", action,
                "main", "com.example.Site.run(Site.java:1)", List.of(), "tenant acme tried to READ r", null));
    }
}
