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

    /**
     * An attach that fails leaves the JVM as it was and says why in one line: the attach command
     * reads the reason back ({@link AttachStatus}) and shows it to the person attaching. Throwing
     * here would only add the JDK's assertion messages to the target's stderr.
     */
    public static void agentmain(String options, Instrumentation instrumentation) {
        try {
            start(options, instrumentation, false);
        } catch (AgentInstaller.StartFailure e) {
            System.err.println(e.getMessage() + " (attach refused; this JVM runs on as before)");
        }
    }

    public static void main(String[] args) {
        int code;
        if (args.length > 0 && args[0].equals("report")) {
            code = dev.tenantguard.agent.cli.ReportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err);
        } else if (args.length > 0 && args[0].equals("baseline")) {
            code = dev.tenantguard.agent.cli.BaselineCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err);
        } else if (args.length > 0 && args[0].equals("suggest")) {
            code = dev.tenantguard.agent.cli.SuggestCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err);
        } else if (args.length > 0 && args[0].equals("attach")) {
            code = dev.tenantguard.agent.cli.AttachCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
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
        if (!atStart) {
            AttachStatus.attaching();
            // before the bootstrap jar is appended: that would already change how the API classes resolve
            String problem = LateAttach.apiLoadedByApplication(instrumentation);
            if (problem != null) {
                AgentInstaller.stop(false, AgentInstaller.EXIT_INTERNAL, problem);
                return;
            }
        }
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
