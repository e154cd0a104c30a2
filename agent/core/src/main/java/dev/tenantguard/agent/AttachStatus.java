package dev.tenantguard.agent;

/**
 * What the agent tells the person attaching it. The attach command runs in another process and the
 * target's stderr is not theirs to read, so the agent leaves its outcome in system properties of
 * the target JVM, which the attach command reads back through the Attach API.
 */
public final class AttachStatus {
    /** Set once the agent runs: its one-line status (modes, families, policy). */
    public static final String RUNNING = "dev.tenantguard.agent";
    /** Set when an attach failed: {@code <exit status> <message>}. */
    public static final String FAILURE = "dev.tenantguard.attach.failure";
    /** Set by a successful attach: what could not be guarded after the fact, one line each. */
    public static final String NOTES = "dev.tenantguard.attach.notes";

    private AttachStatus() {
    }

    static void attaching() {
        System.clearProperty(FAILURE);
        System.clearProperty(NOTES);
    }

    static void failed(int status, String message) {
        System.setProperty(FAILURE, status + " " + message);
    }

    static void running(String status) {
        System.setProperty(RUNNING, status);
    }

    static void notes(String notes) {
        if (!notes.isEmpty()) {
            System.setProperty(NOTES, notes);
        }
    }
}
