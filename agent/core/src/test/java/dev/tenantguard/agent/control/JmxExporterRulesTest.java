package dev.tenantguard.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.report.ViolationEvent;
import dev.tenantguard.agent.report.ViolationReporter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The rule file of {@code docs/} applied to the agent's metric beans the way the Prometheus JMX exporter
 * reads them: each numeric attribute as {@code domain<key=value, …><>Attribute: value} (the object name's
 * properties in their given order), each rule's pattern matched anywhere in it, the first match wins.
 * Every bean becomes exactly the series the Micrometer path publishes.
 */
class JmxExporterRulesTest {
    private static final Path RULES = Path.of("..", "..", "docs", "tenant-guard-jmx-exporter.yaml");

    @Test
    void everyMetricBeanBecomesTheSeriesMicrometerPublishes() throws Exception {
        FamilyModes modes = new FamilyModes();
        modes.guarded("files", Mode.ENFORCE);
        modes.guarded("jdbc", Mode.REPORT);
        ViolationReporter reporter = ViolationReporter.create(null, false);
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        MetricBeans.register(server, modes, reporter.counters());
        record(reporter, "CROSS_TENANT", "files", "BLOCKED");
        record(reporter, "CROSS_TENANT", "files", "BLOCKED");
        record(reporter, "UNSCOPED_QUERY", "jdbc", "REPORTED");

        List<Map<String, Object>> rules = rules();
        TreeSet<String> series = new TreeSet<>();
        for (ObjectName name : server.queryNames(new ObjectName("dev.tenantguard:*"), null)) {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                Object value = server.getAttribute(name, attribute.getName());
                if (!(value instanceof Number)) {
                    continue; // the exporter skips what is not a number
                }
                String input = name.getDomain() + "<" + name.getKeyPropertyListString().replace(",", ", ") + "><>"
                        + attribute.getName() + ": " + value;
                String sample = apply(rules, input, ((Number) value).doubleValue());
                if (sample != null) {
                    series.add(sample);
                }
            }
        }
        assertEquals(new TreeSet<>(List.of(
                "tenant_guard_family_mode{family=\"files\"} 2.0",
                "tenant_guard_family_mode{family=\"http\"} 0.0",
                "tenant_guard_family_mode{family=\"jdbc\"} 1.0",
                "tenant_guard_violations_total{action=\"BLOCKED\", family=\"files\", kind=\"CROSS_TENANT\"} 2.0",
                "tenant_guard_violations_total{action=\"REPORTED\", family=\"jdbc\", kind=\"UNSCOPED_QUERY\"} 1.0")),
                series);
    }

    private static void record(ViolationReporter reporter, String kind, String family, String action) {
        reporter.record(new ViolationEvent(Instant.now(), kind, family, "READ", "r", "globex", "acme", "rule", action,
                "main", "com.example.Site.run(Site.java:1)", List.of(), "tenant acme tried to READ r", null));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws Exception {
        try (Reader reader = Files.newBufferedReader(RULES)) {
            Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromReader(reader);
            return (List<Map<String, Object>>) file.get("rules");
        }
    }

    /** The exporter's rule step: the first rule whose pattern occurs in the input names the sample. */
    @SuppressWarnings("unchecked")
    private static String apply(List<Map<String, Object>> rules, String input, double value) {
        for (Map<String, Object> rule : rules) {
            Matcher m = Pattern.compile("^.*(?:" + rule.get("pattern") + ").*$").matcher(input);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            ((Map<String, String>) rule.getOrDefault("labels", Map.of())).forEach((k, v) -> labels.put(k, m.replaceAll(v)));
            List<String> parts = new ArrayList<>();
            labels.forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
            return m.replaceAll((String) rule.get("name")) + "{" + String.join(", ", parts) + "} " + value;
        }
        return null;
    }
}
