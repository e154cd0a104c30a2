package dev.tenantguard.bench;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * The OpenTelemetry arm's counterpart of a tenant in context: a parent span, current on the
 * benchmark thread while it measures, as in a service handling a traced request. Also what the
 * checks read to prove the agent traces the calls measured. Without the OpenTelemetry agent the
 * API is a no-op: spans are invalid and nothing is recorded.
 */
public final class OtelProbe {
    private OtelProbe() {
    }

    /** A current parent span in the OpenTelemetry arm, else nothing. Close it on the same thread. */
    static AutoCloseable parentSpanIfTraced() {
        if (BenchArm.current() != BenchArm.OTEL) {
            return () -> { };
        }
        Span span = GlobalOpenTelemetry.getTracer("tenant-guard-benchmarks").spanBuilder("benchmark").startSpan();
        if (!span.getSpanContext().isValid()) {
            throw new IllegalStateException("otel: the OpenTelemetry agent did not start a span: is it installed?");
        }
        Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }

    /** The id of the current span; all zeros when there is none (always so without the agent). */
    public static String currentSpanId() {
        return Span.current().getSpanContext().getSpanId();
    }

    /**
     * Checks that {@code spanIdInsideCall}, the span current inside a JDBC call or seen by the
     * HTTP server, is a span of the call itself in the OpenTelemetry arm (not the parent), and none
     * in every other arm.
     */
    static void checkTraced(String what, String spanIdInsideCall, String parentSpanId) {
        boolean traced = Span.getInvalid().getSpanContext().getSpanId().equals(spanIdInsideCall) == false
                && !spanIdInsideCall.equals(parentSpanId);
        boolean expected = BenchArm.current() == BenchArm.OTEL;
        if (traced != expected) {
            throw new IllegalStateException(BenchArm.current().id + ": " + what + (traced ? " was" : " was not")
                    + " traced by OpenTelemetry (span inside the call: " + spanIdInsideCall + ", parent: "
                    + parentSpanId + ")");
        }
    }
}
