package dev.tenantguard.agent;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.check.OnErrorGuard;
import dev.tenantguard.agent.check.TenantIdValidator;
import dev.tenantguard.agent.check.TenantLifecycle;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.config.PolicyException;
import dev.tenantguard.agent.config.PolicyLoader;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.report.Baseline;
import dev.tenantguard.agent.report.ExitSummary;
import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.Instrumenter;
import dev.tenantguard.agent.seal.ReflectionSeal;
import dev.tenantguard.internal.AgentErrors;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.TenantHooks;
import dev.tenantguard.internal.ThreadState;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads the policy, instruments the families it guards, proves the instrumentation works and
 * installs the checkers behind the hooks. Any failure stops the JVM at start (or fails the attach):
 * the agent never runs half-configured.
 */
final class AgentInstaller {
    /** Exit status for a bad policy (sysexits EX_CONFIG). */
    static final int EXIT_BAD_POLICY = 78;
    /** Exit status when the instrumentation does not work on this JVM (EX_SOFTWARE). */
    static final int EXIT_INTERNAL = 70;

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AgentInstaller() {
    }

    static void install(String options, Instrumentation instrumentation, boolean atStart) {
        if (!INSTALLED.compareAndSet(false, true)) {
            String running = System.getProperty(AttachStatus.RUNNING);
            stop(atStart, EXIT_INTERNAL, "the agent is already installed in this JVM"
                    + (running == null ? "" : " (" + running + ")") + "; nothing was changed");
            return;
        }
        if (ThreadState.class.getClassLoader() != null) {
            stop(atStart, EXIT_INTERNAL, "the tenant context classes were loaded by " + ThreadState.class.getClassLoader()
                    + " instead of the bootstrap loader; another copy was loaded before the agent started");
            return;
        }
        Policy policy;
        try {
            policy = PolicyLoader.load(options, systemProperties(), System.getenv(), Path.of(System.getProperty("user.dir")));
        } catch (PolicyException e) {
            INSTALLED.set(false); // nothing was installed: a corrected policy may be attached
            stop(atStart, EXIT_BAD_POLICY, e.getMessage());
            return;
        }
        AgentKey key; // after the policy: an attach that failed on it may be retried
        try {
            key = AgentKey.claim();
        } catch (SecurityException e) {
            stop(atStart, EXIT_INTERNAL, "other code claimed the agent's key before the agent started; it could"
                    + " install its own checkers, so the agent does not start");
            return;
        }
        try {
            guard(policy, instrumentation, atStart, key);
        } catch (StartFailure e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            stop(atStart, EXIT_INTERNAL, "could not start: " + e);
        }
    }

    private static void guard(Policy policy, Instrumentation instrumentation, boolean atStart, AgentKey key) {
        if (policy.mode() == Mode.OFF) {
            System.err.println("tenant-guard: mode off; nothing is guarded (policy " + policy.source() + ")");
            AttachStatus.running("mode off; nothing is guarded; policy " + policy.source());
            return;
        }
        ViolationReporter reporter = ViolationReporter.create(
                policy.reportJsonl() == null ? null : Path.of(policy.reportJsonl()), policy.reportLog(), policy.reportOtel());
        FamilyModes modes = new FamilyModes();
        Baseline baseline = Baseline.NONE;
        if (policy.reportBaseline() != null) {
            try {
                baseline = Baseline.read(Path.of(policy.reportBaseline()));
            } catch (IOException e) {
                stop(atStart, EXIT_BAD_POLICY, "report.baseline: cannot read the baseline " + policy.reportBaseline()
                        + ": " + e.getMessage() + " (write it with: java -jar tenant-guard-agent.jar baseline"
                        + " <violations.jsonl> " + policy.reportBaseline() + ")");
                return;
            }
        }
        CallerPatterns exemptCallers = new CallerPatterns(policy.exemptCallers());
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, exemptCallers,
                policy.noTenant(), policy.stackDepth(), modes, baseline);
        List<Family> families = Families.all();
        List<Family> guarded = new ArrayList<>();
        for (Family family : families) {
            if (family.guarded(policy)) {
                guarded.add(family);
            }
        }
        List<String> notes = new ArrayList<>();
        if (!atStart) {
            for (Family family : guarded) {
                notes.addAll(family.beforeAttach(instrumentation));
            }
        }
        // instrument and prove every family first: nothing is armed in a JVM that is then stopped
        Instrumenter instrumenter = new Instrumenter(instrumentation, atStart, key);
        // the seal first: from its arm on, no other code opens the agent's classes by reflection
        guarded.add(0, new ReflectionSeal());
        for (Family family : guarded) {
            List<String> problems = instrumenter.instrument(family);
            if (!problems.isEmpty()) {
                stop(atStart, EXIT_INTERNAL, family.failure(problems));
                return;
            }
        }
        AgentErrors.install(key, new OnErrorGuard(policy, modes, reporter));
        Observations observations = policy.reportObserve()
                ? new Observations(Observations.fileFor(policy.reportJsonl()), Observations.LIMIT) : null;
        Armed armed = new Armed(policy, enforcer, reporter, modes, key, observations);
        for (Family family : guarded) {
            family.arm(armed);
        }
        TenantHooks.install(key, new TenantLifecycle(
                new TenantIdValidator(policy.tenantPattern(), policy.mode(), enforcer, key), enforcer, policy.mode()));
        ExemptMethodCheck.install(exemptCallers, instrumentation, System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(new AtExit(key, reporter, observations, policy, notes),
                "tenant-guard-exit"));
        if (observations != null) {
            ObservationWriter.start(observations, key);
        }
        StringBuilder status = new StringBuilder(policy.mode().name().toLowerCase()).append(" mode");
        for (Family family : families) {
            status.append("; ").append(family.status(policy));
        }
        status.append("; ").append(policySource(policy));
        if (observations != null) {
            status.append("; observing what the tenants touch, for suggest: ").append(observations.file());
        }
        if (policy.reportBaseline() != null) {
            status.append("; baseline ").append(policy.reportBaseline()).append(" (").append(baseline.size())
                    .append(" known call sites)");
        }
        JmxRegistration.start(policy.source(), atStart, notes, modes, reporter);
        AttachStatus.running(status.toString());
        AttachStatus.notes(String.join("\n", notes));
        System.err.println("tenant-guard: " + status);
        for (String note : notes) {
            System.err.println("tenant-guard: " + note);
        }
    }

    /** Closes the report and prints the summary when the JVM exits (a class: a lambda is spun at start). */
    private static final class AtExit implements Runnable {
        private final AgentKey key;
        private final ViolationReporter reporter;
        private final Observations observations;
        private final Policy policy;
        private final List<String> notes;

        AtExit(AgentKey key, ViolationReporter reporter, Observations observations, Policy policy,
               List<String> notes) {
            this.key = key;
            this.reporter = reporter;
            this.observations = observations;
            this.policy = policy;
            this.notes = notes;
        }

        @Override
        public void run() {
            ThreadState.current().busy(key, true);
            reporter.close();
            if (observations != null) {
                ObservationWriter.writeNow(observations);
            }
            ExitSummary.print(reporter, policy, System.err);
            // what was not checked is part of the run's result: a clean summary must not read as a clean run
            for (String note : notes) {
                System.err.println("tenant-guard: at exit: " + note);
            }
        }
    }

    /**
     * Where the policy came from. With no file, said so, and where one was looked for: an agent started
     * without its policy (a file in another directory, a misspelt option) guards little, and must not
     * look as if it ran with one.
     */
    static String policySource(Policy policy) {
        if (!"defaults".equals(policy.source())) {
            return "policy " + policy.source();
        }
        return "no policy file (no config= option, and no " + PolicyLoader.DEFAULT_FILE_NAME
                + " in the working directory " + Path.of("").toAbsolutePath() + "): defaults and the options given";
    }

    /** Stops the JVM at start, or fails the attach, with one clear line. */
    static void stop(boolean atStart, int status, String message) {
        String line = "tenant-guard: " + message;
        if (atStart) {
            System.err.println(line);
            System.err.println("tenant-guard: the JVM is stopped so that it does not run unguarded.");
            System.exit(status);
        }
        AttachStatus.failed(status, message); // for the attach command, which does not see this JVM's stderr
        throw new StartFailure(line);
    }

    /** Why an attach failed; at start the JVM is stopped instead. */
    static final class StartFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message);
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            properties.put(name, System.getProperty(name));
        }
        return properties;
    }
}
