package dev.tenantguard.agent.report;

/** Where recorded events go. Called with the agent's busy flag set: its own I/O is not checked. */
interface ReportSink {
    /** A new event, or a repeat carrying its updated {@code count}. */
    void write(ViolationEvent event, long count);

    default void close() {
    }
}
