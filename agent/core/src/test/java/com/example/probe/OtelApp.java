package com.example.probe;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request of an application traced with OpenTelemetry: inside a span, tenant acme reads
 * globex's invoice twice (report mode lets both through). Prints the span's ids for the test.
 */
public final class OtelApp {
    private OtelApp() {
    }

    public static void main(String[] args) throws Exception {
        Path invoice = Path.of(args[0]);
        Span span = GlobalOpenTelemetry.getTracer("otel-app").spanBuilder("GET /invoices").startSpan();
        try (Scope scope = span.makeCurrent(); TenantScope tenant = TenantContext.open("acme")) {
            System.out.println("SPAN " + span.getSpanContext().getTraceId() + " " + span.getSpanContext().getSpanId());
            for (int i = 0; i < 2; i++) {
                System.out.println("READ " + Files.readString(invoice));
            }
        } finally {
            span.end();
        }
        Thread.sleep(1500); // the exporters' schedule delay is 100 ms: let them write before the JVM's exit
    }
}
