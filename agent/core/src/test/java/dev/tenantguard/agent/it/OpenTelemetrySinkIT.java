package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.OtelApp;
import dev.tenantguard.testkit.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Violations in the application's OpenTelemetry: the real OpenTelemetry Java agent and tenant-guard
 * in one JVM, the OpenTelemetry exporters writing OTLP JSON to the JVM's log (logging-otlp, no
 * collector): the request's span carries one event per crossing, and the violation is a log record
 * in that span's trace.
 */
class OpenTelemetrySinkIT {
    @TempDir
    Path root;

    @Test
    void eachCrossingIsAnEventOnTheRequestsSpanAndANewOneALogRecordInItsTrace() throws Exception {
        Path policy = PolicyFiles.write(root, "report", "  otel: on\n");
        Path invoice = Files.writeString(root.resolve("tenants/globex/invoice.txt"), "globex invoice");
        String otelAgent = ForkedJvm.testJars("opentelemetry-javaagent");
        ForkedJvm.Result run = ForkedJvm.run(root, "config=" + policy,
                List.of("-javaagent:" + otelAgent, "-Dotel.traces.exporter=logging-otlp",
                        "-Dotel.logs.exporter=logging-otlp", "-Dotel.metrics.exporter=none",
                        "-Dotel.bsp.schedule.delay=100", "-Dotel.blrp.schedule.delay=100",
                        "-Dotel.service.name=otel-app"),
                Map.of(), OtelApp.class.getName(), List.of(invoice.toString()),
                ForkedJvm.testJars("opentelemetry-api", "opentelemetry-context", "opentelemetry-common"));
        assertEquals(0, run.exitCode(), run.toString());
        String[] ids = run.stdout().lines().filter(l -> l.startsWith("SPAN ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.toString())).split(" ");
        String traceId = ids[1];
        String spanId = ids[2];

        // the exporters log one OTLP JSON object per resource and batch: {"resource":…,"scopeSpans":[…]}
        List<Map<String, Object>> otlp = new ArrayList<>();
        for (String line : (run.stdout() + "\n" + run.stderr()).lines().toList()) {
            int json = line.indexOf("{\"resource");
            if (json >= 0) {
                otlp.add(JsonLines.parseObject(line.substring(json)));
            }
        }
        Map<String, Object> span = find(otlp, "scopeSpans", "spans").stream()
                .filter(s -> spanId.equals(s.get("spanId"))).findFirst()
                .orElseThrow(() -> new AssertionError("the request's span was not exported\n" + run));
        assertEquals("GET /invoices", span.get("name"));
        List<Map<String, Object>> events = list(span.get("events"));
        assertEquals(2, events.stream().filter(e -> "tenant_guard.violation".equals(e.get("name"))).count(),
                "one event per crossing (both reads)\n" + span);
        Map<String, String> attributes = attributes(events.get(0));
        assertEquals("CROSS_TENANT", attributes.get("tenant_guard.kind"), attributes.toString());
        assertEquals("files", attributes.get("tenant_guard.family"));
        assertEquals("READ", attributes.get("tenant_guard.operation"));
        assertEquals("REPORTED", attributes.get("tenant_guard.action"));
        assertEquals("acme", attributes.get("tenant_guard.active_tenant"));
        assertEquals("globex", attributes.get("tenant_guard.resource_tenant"));
        assertTrue(attributes.get("tenant_guard.call_site").startsWith("com.example.probe.OtelApp.main("), attributes.toString());

        List<Map<String, Object>> records = find(otlp, "scopeLogs", "logRecords").stream()
                .filter(r -> String.valueOf(r.get("body")).contains("tenant acme tried to READ")).toList();
        assertEquals(1, records.size(), "one log record for the new violation, none for its repeat\n" + run);
        assertEquals(traceId, records.get(0).get("traceId"), "the log record is in the request's trace");
        assertEquals(spanId, records.get(0).get("spanId"));
        assertEquals("WARN", records.get(0).get("severityText"));
        assertTrue(Files.readString(PolicyFiles.jsonl(root)).contains("\"kind\":\"CROSS_TENANT\""), "the JSONL report has it too");
    }

    /** The objects at the end of a path of nested lists of objects, across every exported batch. */
    private static List<Map<String, Object>> find(List<Map<String, Object>> batches, String... path) {
        List<Map<String, Object>> level = batches;
        for (String key : path) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> object : level) {
                next.addAll(list(object.get(key)));
            }
            level = next;
        }
        return level;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** OTLP JSON attributes: [{key, value: {stringValue}}]. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> attributes(Map<String, Object> event) {
        Map<String, String> attributes = new java.util.HashMap<>();
        for (Map<String, Object> attribute : list(event.get("attributes"))) {
            attributes.put((String) attribute.get("key"),
                    String.valueOf(((Map<String, Object>) attribute.get("value")).get("stringValue")));
        }
        return attributes;
    }
}
