package dev.tenantguard.agent.config;

/** {@code report.otel}: whether violations also go to the application's OpenTelemetry. */
public enum OtelReporting {
    /** When the application has the OpenTelemetry API (its Java agent or SDK); silent otherwise. */
    AUTO,
    /** As {@code auto}, and a line on stderr at the first violation when no OpenTelemetry API is found. */
    ON,
    OFF
}
