package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.probe.OtelApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Violations in the application's OpenTelemetry: the real OpenTelemetry Java agent and tenant-guard
 * in one JVM, the OpenTelemetry agent's OTLP/HTTP exporters sending to a receiver in this test (in
 * place of a collector): the request's span carries one event per crossing, and the violation is a
 * log record in that span's trace — with {@code report.otel} left at {@code auto} and set to
 * {@code on}; {@code off} sends nothing.
 */
class OpenTelemetrySinkIT {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"", "  otel: on\n"})
    void eachCrossingIsAnEventOnTheRequestsSpanAndANewOneALogRecordInItsTrace(String otelKey) throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Path invoice = Files.writeString(PolicyFiles.write(root, "report", otelKey).resolveSibling(
                    "tenants/globex/invoice.txt"), "globex invoice");
            Run run = run(receiver, invoice);

            ProtobufMessage span = run.span();
            assertEquals("GET /invoices", span.string(5));
            List<ProtobufMessage> events = span.messages(11).stream() // Span.events: Event{name 2, attributes 3}
                    .filter(e -> "tenant_guard.violation".equals(e.string(2))).toList();
            assertEquals(2, events.size(), "one event per crossing (both reads)\n" + run);
            for (ProtobufMessage event : events) {
                Map<String, String> attributes = attributes(event.messages(3));
                assertEquals("CROSS_TENANT", attributes.get("tenant_guard.kind"), attributes.toString());
                assertEquals("files", attributes.get("tenant_guard.family"));
                assertEquals("READ", attributes.get("tenant_guard.operation"));
                assertEquals("REPORTED", attributes.get("tenant_guard.action"));
                assertEquals("acme", attributes.get("tenant_guard.active_tenant"));
                assertEquals("globex", attributes.get("tenant_guard.resource_tenant"));
                assertEquals(invoice.toString(), attributes.get("tenant_guard.resource"));
                assertEquals(root.resolve("tenants") + "/{tenant}/**", attributes.get("tenant_guard.rule"));
                assertTrue(attributes.get("tenant_guard.call_site").startsWith("com.example.probe.OtelApp.main("),
                        attributes.toString());
            }

            // LogRecord: severity_text 3, body 5 (AnyValue), attributes 6, trace_id 9, span_id 10
            List<ProtobufMessage> records = run.logRecords().stream()
                    .filter(r -> r.messages(5).stream().anyMatch(body -> String.valueOf(body.string(1))
                            .startsWith("tenant acme tried to READ " + invoice + " owned by tenant globex")))
                    .toList();
            assertEquals(1, records.size(), "one log record for the new violation, none for its repeat\n" + run);
            ProtobufMessage record = records.get(0);
            assertEquals(run.traceId, record.hex(9), "the log record is in the request's trace");
            assertEquals(run.spanId, record.hex(10), "and names the request's span");
            assertEquals("WARN", record.string(3));
            assertEquals("CROSS_TENANT", attributes(record.messages(6)).get("tenant_guard.kind"));
            assertTrue(Files.readString(PolicyFiles.jsonl(root)).contains("\"kind\":\"CROSS_TENANT\""),
                    "the JSONL report has it too");
            assertFalse(run.result.stderr().contains("report.otel is on, but"), run.toString());
        }
    }

    @Test
    void offSendsNoViolationToOpenTelemetry() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Path invoice = Files.writeString(PolicyFiles.write(root, "report", "  otel: off\n").resolveSibling(
                    "tenants/globex/invoice.txt"), "globex invoice");
            Run run = run(receiver, invoice);

            assertEquals(List.of(), run.span().messages(11), "the span, exported, has no event\n" + run);
            assertTrue(run.logRecords().stream().noneMatch(r -> r.messages(6).stream()
                    .anyMatch(a -> String.valueOf(a.string(1)).startsWith("tenant_guard."))), "no log record\n" + run);
            assertTrue(Files.readString(PolicyFiles.jsonl(root)).contains("\"kind\":\"CROSS_TENANT\""),
                    "the JSONL report has the violation");
        }
    }

    /** OtelApp under both agents, the OpenTelemetry agent exporting traces and logs to {@code receiver}. */
    private Run run(OtlpReceiver receiver, Path invoice) throws Exception {
        String otelAgent = ForkedJvm.testJars("opentelemetry-javaagent");
        ForkedJvm.Result result = ForkedJvm.run(root, "config=" + root.resolve("tenant-guard.yaml"),
                List.of("-javaagent:" + otelAgent, "-Dotel.exporter.otlp.protocol=http/protobuf",
                        "-Dotel.exporter.otlp.endpoint=" + receiver.endpoint(), "-Dotel.traces.exporter=otlp",
                        "-Dotel.logs.exporter=otlp", "-Dotel.metrics.exporter=none",
                        "-Dotel.bsp.schedule.delay=100", "-Dotel.blrp.schedule.delay=100",
                        "-Dotel.service.name=otel-app"),
                Map.of(), OtelApp.class.getName(), List.of(invoice.toString()),
                ForkedJvm.testJars("opentelemetry-api", "opentelemetry-context", "opentelemetry-common"));
        assertEquals(0, result.exitCode(), result.toString());
        String[] ids = result.stdout().lines().filter(l -> l.startsWith("SPAN ")).findFirst()
                .orElseThrow(() -> new AssertionError(result.toString())).split(" ");
        return new Run(result, receiver, ids[1], ids[2]);
    }

    private record Run(ForkedJvm.Result result, OtlpReceiver receiver, String traceId, String spanId) {
        /** The request's span: ExportTraceServiceRequest → resource_spans 1 → scope_spans 2 → spans 2. */
        ProtobufMessage span() {
            return nested(receiver.received("/v1/traces")).stream().filter(s -> spanId.equals(s.hex(2))).findFirst()
                    .orElseThrow(() -> new AssertionError("the request's span was not exported\n" + this));
        }

        /** ExportLogsServiceRequest → resource_logs 1 → scope_logs 2 → log_records 2. */
        List<ProtobufMessage> logRecords() {
            return nested(receiver.received("/v1/logs"));
        }

        private static List<ProtobufMessage> nested(List<ProtobufMessage> requests) {
            List<ProtobufMessage> found = new ArrayList<>();
            for (ProtobufMessage request : requests) {
                for (ProtobufMessage resource : request.messages(1)) {
                    for (ProtobufMessage scope : resource.messages(2)) {
                        found.addAll(scope.messages(2));
                    }
                }
            }
            return found;
        }

        @Override
        public String toString() {
            return receiver + "\n" + result;
        }
    }

    /** OTLP attributes: KeyValue{key 1, value 2: AnyValue{string_value 1}}. */
    private static Map<String, String> attributes(List<ProtobufMessage> keyValues) {
        Map<String, String> attributes = new HashMap<>();
        for (ProtobufMessage keyValue : keyValues) {
            attributes.put(keyValue.string(1), keyValue.messages(2).get(0).string(1));
        }
        return attributes;
    }
}
