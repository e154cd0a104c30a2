package dev.tenantguard.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.tenantguard.agent.AttachStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code java -jar tenant-guard-agent.jar attach <pid> [options]}: loads the agent into a running
 * JVM through the Attach API. Options are the agent options ({@code config=<policy.yaml>},
 * {@code mode=report} …, comma separated or as separate arguments); a relative {@code config} is
 * resolved here, against the directory the command runs in.
 *
 * <p>The outcome is read back from the target ({@link AttachStatus}) and printed here: the person
 * attaching sees why an attach was refused, not only the target's stderr. A JVM that already runs
 * the agent is left alone.
 */
public final class AttachCommand {
    public static final int OK = 0;
    /** The JVM could not be attached to (no such process, another user, no Attach API). */
    public static final int CANNOT_ATTACH = 1;
    public static final int USAGE = 2;
    /** The JVM already runs the agent: nothing was changed. */
    public static final int ALREADY_RUNNING = 3;
    /** The agent could not start in the target; the target's own exit status is passed on (78 bad policy, 70 …). */
    public static final int AGENT_FAILED = 70;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: java -jar tenant-guard-agent.jar attach <pid> [config=<policy.yaml>][,key=value...]",
            "         loads tenant-guard into the running JVM <pid> (a JDK, same user); options as for -javaagent",
            "");

    private AttachCommand() {
    }

    /** Runs the command on its arguments (those after {@code attach}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].matches("[0-9]+")) {
            err.println("tenant-guard: " + (args.length == 0 ? "no process id given" : "not a process id: " + args[0]));
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String pid = args[0];
        List<String> options = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            for (String option : args[i].split(",")) {
                if (!option.isBlank()) {
                    options.add(absoluteConfig(option.trim()));
                }
            }
        }
        Path agentJar;
        try {
            agentJar = agentJar();
        } catch (IOException | URISyntaxException e) {
            err.println("tenant-guard: " + e.getMessage());
            return CANNOT_ATTACH;
        }
        try {
            return Session.attach(pid, String.join(",", options), agentJar, out, err);
        } catch (NoClassDefFoundError noAttachApi) {
            err.println("tenant-guard: the Attach API (module jdk.attach) is missing from this Java runtime ("
                    + System.getProperty("java.home") + "): run the attach command with a JDK");
            return CANNOT_ATTACH;
        }
    }

    /** Everything that needs the Attach API, apart so that a runtime without it gets a message, not a linkage error. */
    private static final class Session {
        private static int attach(String pid, String options, Path agentJar, PrintStream out, PrintStream err) {
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(pid);
            } catch (AttachNotSupportedException | IOException e) {
                err.println("tenant-guard: cannot attach to JVM " + pid + ": " + e.getMessage()
                        + (pid.equals(String.valueOf(ProcessHandle.current().pid()))
                                ? " (attaching to this very JVM needs -Djdk.attach.allowAttachSelf=true)"
                                : " (is it a running JVM of the same user, started without -XX:+DisableAttachMechanism?)"));
                return CANNOT_ATTACH;
            }
            try {
                String running = vm.getSystemProperties().getProperty(AttachStatus.RUNNING);
                if (running != null) {
                    err.println("tenant-guard: JVM " + pid + " already runs tenant-guard (" + running
                            + "); attach refused, nothing was changed");
                    return ALREADY_RUNNING;
                }
                String loadProblem = null;
                try {
                    vm.loadAgent(agentJar.toString(), options.isEmpty() ? null : options);
                } catch (AgentLoadException | AgentInitializationException e) {
                    loadProblem = e.toString();
                }
                Properties after = vm.getSystemProperties();
                String failure = after.getProperty(AttachStatus.FAILURE);
                if (failure != null) {
                    int space = failure.indexOf(' ');
                    err.println("tenant-guard: attach to JVM " + pid + " failed: " + failure.substring(space + 1));
                    err.println("tenant-guard: JVM " + pid + " runs on unguarded");
                    return Integer.parseInt(failure.substring(0, space));
                }
                String status = after.getProperty(AttachStatus.RUNNING);
                if (loadProblem != null || status == null) {
                    err.println("tenant-guard: attach to JVM " + pid + " failed: "
                            + (loadProblem == null ? "the agent did not start" : loadProblem) + "; see that JVM's stderr");
                    return AGENT_FAILED;
                }
                out.println("tenant-guard: attached to JVM " + pid + ": " + status);
                String notes = after.getProperty(AttachStatus.NOTES);
                if (notes != null) {
                    for (String note : notes.split("\n")) {
                        out.println("tenant-guard: " + note);
                    }
                }
                return OK;
            } catch (IOException e) {
                err.println("tenant-guard: lost the connection to JVM " + pid + ": " + e.getMessage());
                return CANNOT_ATTACH;
            } finally {
                try {
                    vm.detach();
                } catch (IOException ignored) {
                    // the target went away; nothing to release
                }
            }
        }

    }

    /** A relative {@code config=} names a file where the command runs, not in the target's directory. */
    private static String absoluteConfig(String option) {
        if (option.startsWith("config=")) {
            Path config = Path.of(option.substring("config=".length()));
            return "config=" + config.toAbsolutePath().normalize();
        }
        return option;
    }

    private static Path agentJar() throws IOException, URISyntaxException {
        Path location = Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(location)) {
            throw new IOException("the attach command must run from tenant-guard-agent.jar, not from " + location);
        }
        return location;
    }
}
