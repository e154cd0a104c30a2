package dev.tenantguard.agent.report;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Violations in the application's own OpenTelemetry, when it has the API (through the OpenTelemetry
 * Java agent or an SDK): every occurrence becomes an event {@value #EVENT} on the span current on
 * the thread that crossed (a trace shows the crossing of each request), and every new violation a
 * log record (severity WARN, body the sentence) emitted in that span's context, so it carries the
 * trace and span ids. Repeats are not logged again, as in the other sinks.
 *
 * <p>The agent links against no OpenTelemetry class: the API is found through the thread's context
 * class loader at the first violation, and its methods are called reflectively (the deny path
 * only; the allow path never reaches a sink).
 */
final class OpenTelemetrySink implements ReportSink, Consumer<ViolationEvent>, ViolationReporter.RepeatObserver {
    static final String EVENT = "tenant_guard.violation";
    private static final String SCOPE = "tenant-guard";

    private final boolean required;
    private volatile Api api;
    private volatile ClassLoader lookedUp;
    private volatile boolean missingReported;
    /** The attributes of the last event sent: a repeat (the same event object) reuses them. */
    private volatile Sent lastSent;

    private record Sent(ViolationEvent event, Object attributes) {
    }

    /** @param required {@code report.otel: on}: say on stderr when the application has no OpenTelemetry API */
    OpenTelemetrySink(boolean required) {
        this.required = required;
    }

    /** An event on the current span, for an occurrence whose event was built. */
    @Override
    public void accept(ViolationEvent event) {
        repeated(event, event.activeTenant(), event.resourceTenant());
    }

    /**
     * An event on the current span for a repeat counted without its own event: the attributes of
     * the occurrence it repeats (kept, not built again) unless this one's tenants differ.
     */
    @Override
    public void repeated(ViolationEvent event, String activeTenant, String resourceTenant) {
        if (event.isAudit()) {
            return;
        }
        Api found = api();
        if (found == null) {
            return;
        }
        try {
            Object span = found.currentSpan.invoke(null);
            Object attributes;
            Sent sent = lastSent;
            boolean sameTenants = Objects.equals(activeTenant, event.activeTenant())
                    && Objects.equals(resourceTenant, event.resourceTenant());
            if (sent != null && sent.event == event && sameTenants) {
                attributes = sent.attributes;
            } else {
                attributes = found.attributes(event, activeTenant, resourceTenant);
                if (sameTenants) {
                    lastSent = new Sent(event, attributes);
                }
            }
            found.addEvent.invoke(span, EVENT, attributes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** A log record for a new violation. */
    @Override
    public void write(ViolationEvent event, long count) {
        if (count != 1 || event.isAudit()) {
            return;
        }
        Api found = api();
        if (found == null) {
            return;
        }
        try {
            Object logger = found.loggerOf.invoke(found.logsBridge.invoke(found.globalGet.invoke(null)), SCOPE);
            Object record = found.logRecordBuilder.invoke(logger);
            found.setSeverity.invoke(record, found.warn);
            found.setSeverityText.invoke(record, "WARN");
            found.setBody.invoke(record, event.message());
            found.setAllAttributes.invoke(record, found.attributes(event, event.activeTenant(), event.resourceTenant()));
            found.emit.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    private Api api() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        if (loader != lookedUp) {
            synchronized (this) {
                if (loader != lookedUp) {
                    api = Api.find(loader);
                    lookedUp = loader;
                }
            }
        }
        Api found = api;
        if (found == null && required && !missingReported) {
            missingReported = true;
            System.err.println("tenant-guard: report.otel is on, but the application has no OpenTelemetry API"
                    + " (io.opentelemetry.api) in view of " + loader + ": violations are not sent to OpenTelemetry");
        }
        return found;
    }

    private void failed(Throwable e) {
        if (!missingReported) {
            missingReported = true;
            System.err.println("tenant-guard: OpenTelemetry did not take a violation (" + e
                    + "); the other sinks have it");
        }
    }

    /** The methods of the OpenTelemetry API this sink calls, from one class loader. */
    private static final class Api {
        Method currentSpan;
        Method addEvent;
        Method attributesBuilder;
        Method put;
        Method build;
        Method globalGet;
        Method logsBridge;
        Method loggerOf;
        Method logRecordBuilder;
        Method setSeverity;
        Method setSeverityText;
        Method setBody;
        Method setAllAttributes;
        Method emit;
        Object warn;

        static Api find(ClassLoader loader) {
            try {
                Class<?> span = Class.forName("io.opentelemetry.api.trace.Span", false, loader);
                Class<?> attributes = Class.forName("io.opentelemetry.api.common.Attributes", false, loader);
                Class<?> attributesBuilder = Class.forName("io.opentelemetry.api.common.AttributesBuilder", false, loader);
                Class<?> global = Class.forName("io.opentelemetry.api.GlobalOpenTelemetry", false, loader);
                Class<?> openTelemetry = Class.forName("io.opentelemetry.api.OpenTelemetry", false, loader);
                Class<?> loggerProvider = Class.forName("io.opentelemetry.api.logs.LoggerProvider", false, loader);
                Class<?> logger = Class.forName("io.opentelemetry.api.logs.Logger", false, loader);
                Class<?> builder = Class.forName("io.opentelemetry.api.logs.LogRecordBuilder", false, loader);
                Class<?> severity = Class.forName("io.opentelemetry.api.logs.Severity", false, loader);
                Api api = new Api();
                api.currentSpan = span.getMethod("current");
                api.addEvent = span.getMethod("addEvent", String.class, attributes);
                api.attributesBuilder = attributes.getMethod("builder");
                api.put = attributesBuilder.getMethod("put", String.class, String.class);
                api.build = attributesBuilder.getMethod("build");
                api.globalGet = global.getMethod("get");
                api.logsBridge = openTelemetry.getMethod("getLogsBridge");
                api.loggerOf = loggerProvider.getMethod("get", String.class);
                api.logRecordBuilder = logger.getMethod("logRecordBuilder");
                api.setSeverity = builder.getMethod("setSeverity", severity);
                api.setSeverityText = builder.getMethod("setSeverityText", String.class);
                api.setBody = builder.getMethod("setBody", String.class);
                api.setAllAttributes = builder.getMethod("setAllAttributes", attributes);
                api.emit = builder.getMethod("emit");
                api.warn = severity.getField("WARN").get(null);
                return api;
            } catch (ReflectiveOperationException | LinkageError e) {
                return null; // no OpenTelemetry API, or one too old for logs (before 1.27)
            }
        }

        /** The violation's fields as attributes, under {@code tenant_guard.}. */
        Object attributes(ViolationEvent event, String activeTenant, String resourceTenant)
                throws ReflectiveOperationException {
            Object builder = attributesBuilder.invoke(null);
            put(builder, "kind", event.kind());
            put(builder, "family", event.family());
            put(builder, "operation", event.operation());
            put(builder, "action", event.action());
            put(builder, "active_tenant", activeTenant);
            put(builder, "resource_tenant", resourceTenant);
            put(builder, "resource", event.resource());
            put(builder, "rule", event.rule());
            put(builder, "call_site", event.callSite());
            put(builder, "sql", event.sql());
            return build.invoke(builder);
        }

        private void put(Object builder, String key, String value) throws ReflectiveOperationException {
            if (value != null) {
                put.invoke(builder, "tenant_guard." + key, value);
            }
        }
    }
}
