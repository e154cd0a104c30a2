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
        int code;
        if (args.length > 0 && args[0].equals("report")) {
            code = dev.tenantguard.agent.cli.ReportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err);
        } else {
            if (args.length > 0) {
                System.err.println("tenant-guard-agent: unknown command " + args[0]);
            }
            System.err.print(dev.tenantguard.agent.cli.ReportCommand.USAGE_TEXT);
            code = dev.tenantguard.agent.cli.ReportCommand.USAGE;
        }
        System.out.flush();
        System.exit(code);
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
