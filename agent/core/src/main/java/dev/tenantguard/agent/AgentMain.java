package dev.tenantguard.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point of {@code tenant-guard-agent.jar}: {@code -javaagent} ({@link #premain}) and
 * attach ({@link #agentmain}).
 *
 * <p>This class must not refer to the API or bootstrap classes: they have to be loaded by the
 * bootstrap loader, which can only find them after {@link BootstrapJar#appendTo} has run.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    public static void main(String[] args) {
        System.out.println("tenant-guard-agent: start a JVM with -javaagent:tenant-guard-agent.jar[=config=<policy.yaml>]");
    }

    private static void start(String options, Instrumentation instrumentation, boolean atStart) {
        try {
            BootstrapJar.appendTo(instrumentation);
        } catch (Exception e) {
            AgentInstaller.stop(atStart, AgentInstaller.EXIT_INTERNAL,
                    "cannot put the tenant context classes on the bootstrap class path: " + e);
            return;
        }
        AgentInstaller.install(options, instrumentation, atStart);
    }
}
