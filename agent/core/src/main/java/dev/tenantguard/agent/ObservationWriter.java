package dev.tenantguard.agent;

import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.ThreadState;
import java.io.IOException;

/**
 * Writes the observations ({@code report.observe}) every {@link #PERIOD_MILLIS} and at exit, so a
 * service that is killed rather than stopped still leaves what it was seen doing.
 */
final class ObservationWriter {
    static final long PERIOD_MILLIS = 10_000;

    private ObservationWriter() {
    }

    /** Starts the daemon thread that writes the file periodically; its own file writes are not checked. */
    static void start(Observations observations, AgentKey key) {
        Thread writer = new Thread(() -> {
            ThreadState.current().busy(key, true);
            while (true) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                writeNow(observations);
            }
        }, "tenant-guard-observations");
        writer.setDaemon(true);
        writer.start();
    }

    static synchronized void writeNow(Observations observations) {
        try {
            observations.write();
        } catch (IOException | RuntimeException e) {
            System.err.println("tenant-guard: cannot write the observations to " + observations.file() + ": " + e);
        }
    }
}
