package dev.tenantguard.agent;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.check.ContextLeakReporter;
import dev.tenantguard.agent.check.FamilyModes;
import dev.tenantguard.agent.check.FileAccessChecker;
import dev.tenantguard.agent.check.PolicyGuard;
import dev.tenantguard.agent.check.TenantIdValidator;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.config.PolicyException;
import dev.tenantguard.agent.config.PolicyLoader;
import dev.tenantguard.agent.instrument.Instrumenter;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.PathNormalizer;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.agent.report.ExitSummary;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.agent.jdbc.JdbcChecker;
import dev.tenantguard.agent.http.HttpChecker;
import dev.tenantguard.agent.http.TenantSignature;
import dev.tenantguard.agent.inbound.InboundChecker;
import dev.tenantguard.agent.policy.UrlRules;
import dev.tenantguard.bootstrap.ContextHooks;
import dev.tenantguard.bootstrap.Hooks;
import dev.tenantguard.bootstrap.HttpHooks;
import dev.tenantguard.bootstrap.InboundHooks;
import dev.tenantguard.bootstrap.JdbcHooks;
import dev.tenantguard.bootstrap.ThreadState;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        if (Hooks.class.getClassLoader() != null) {
            stop(atStart, EXIT_INTERNAL, "the tenant context classes were loaded by " + Hooks.class.getClassLoader()
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
        try {
            guard(policy, instrumentation, atStart);
        } catch (StartFailure e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            e.printStackTrace();
            stop(atStart, EXIT_INTERNAL, "could not start: " + e);
        }
    }

    private static void guard(Policy policy, Instrumentation instrumentation, boolean atStart) {
        if (policy.mode() == Mode.OFF) {
            System.err.println("tenant-guard: mode off; nothing is guarded (policy " + policy.source() + ")");
            AttachStatus.running("mode off; nothing is guarded; policy " + policy.source());
            return;
        }
        ViolationReporter reporter = ViolationReporter.create(
                policy.reportJsonl() == null ? null : Path.of(policy.reportJsonl()), policy.reportLog());
        FamilyModes modes = new FamilyModes();
        BoundaryEnforcer enforcer = new BoundaryEnforcer(reporter, new CallerPatterns(policy.exemptCallers()),
                policy.noTenant(), policy.stackDepth(), modes);
        List<String> notes = new ArrayList<>();
        boolean guardsFiles = policy.filesMode() != Mode.OFF && !policy.fileRules().isEmpty();
        if (guardsFiles || policy.http().instrumented()) {
            List<String> problems = Instrumenter.installJdk(instrumentation, guardsFiles, policy.http().instrumented(),
                    atStart);
            if (!problems.isEmpty()) {
                stop(atStart, EXIT_INTERNAL, "self-test failed on Java " + Runtime.version() + " ("
                        + System.getProperty("java.vm.name") + "): " + String.join("; ", problems)
                        + ". Enforcement would be incomplete.");
                return;
            }
        }
        if (policy.contextPropagation()) {
            List<String> problems = Instrumenter.installPropagation(instrumentation, atStart);
            if (!problems.isEmpty()) {
                stop(atStart, EXIT_INTERNAL, "self-test failed on Java " + Runtime.version() + " ("
                        + System.getProperty("java.vm.name") + "): " + String.join("; ", problems)
                        + ". The tenant would not follow work to other threads.");
                return;
            }
            ContextHooks.install(new ContextLeakReporter(reporter, policy.stackDepth()));
        }
        FileAccessChecker files = null;
        if (guardsFiles) {
            PathRules rules = new PathRules(policy.fileRules(), new PathNormalizer(System.getProperty("user.dir")));
            files = new FileAccessChecker(rules, policy.filesMode(), enforcer);
            modes.guarded("files", policy.filesMode());
        }
        if (policy.jdbc().guardsAnything()) {
            Set<String> loadedDrivers = atStart ? Set.of() : LateAttach.loadedJdbcPackages(instrumentation);
            notes.addAll(LateAttach.jdbcNotes(loadedDrivers));
            List<String> problems = Instrumenter.installJdbc(instrumentation, loadedDrivers, atStart);
            if (!problems.isEmpty()) {
                stop(atStart, EXIT_INTERNAL, "JDBC instrumentation failed on Java " + Runtime.version() + ": "
                        + String.join("; ", problems));
                return;
            }
            JdbcHooks.install(new JdbcChecker(policy.jdbc(), enforcer));
            modes.guarded("jdbc", policy.jdbc().mode());
        }
        if (policy.http().instrumented()) {
            HttpHooks.install(new HttpChecker(new UrlRules(policy.http().rules()), policy.http().mode(), enforcer,
                    policy.http().propagates() ? policy.http().tenantHeader() : null,
                    policy.http().signingKey() == null ? null : new TenantSignature(policy.http().signingKey())));
            modes.guarded("http", policy.http().mode());
        }
        if (policy.inbound().instrumented()) {
            List<String> problems = Instrumenter.installInbound(instrumentation, atStart);
            if (!problems.isEmpty()) {
                stop(atStart, EXIT_INTERNAL, "self-test failed on Java " + Runtime.version() + ": "
                        + String.join("; ", problems) + ". Requests would get no tenant.");
                return;
            }
            InboundHooks.install(new InboundChecker(policy.inbound().from(), policy.tenantPattern(),
                    policy.http().tenantHeader(), policy.http().signatureHeader(), policy.http().signingKey(),
                    policy.inbound().mdcKey(), policy.mode(), enforcer));
        }
        Hooks.install(new PolicyGuard(files, new TenantIdValidator(policy.tenantPattern(), policy.mode(), enforcer),
                enforcer));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ThreadState.current().busy = true;
            reporter.close();
            ExitSummary.print(reporter, policy, System.err);
        }, "tenant-guard-exit"));
        String status = policy.mode().name().toLowerCase() + " mode; files "
                + (files == null ? "not guarded" : policy.filesMode().name().toLowerCase() + " (" + policy.fileRules().size()
                        + " rules)")
                + "; jdbc " + (policy.jdbc().guardsAnything() ? policy.jdbc().mode().name().toLowerCase() : "not guarded")
                + "; http " + httpSummary(policy)
                + "; context " + (policy.contextPropagation() ? "propagated to executors, threads and timers" : "not propagated")
                + "; inbound " + inboundSummary(policy)
                + "; policy " + policy.source();
        JmxRegistration.start(policy.source(), atStart, modes, reporter);
        AttachStatus.running(status);
        AttachStatus.notes(String.join("\n", notes));
        System.err.println("tenant-guard: " + status);
        notes.forEach(note -> System.err.println("tenant-guard: " + note));
    }

    private static String inboundSummary(Policy policy) {
        if (!policy.inbound().instrumented()) {
            return "not read";
        }
        return "tenant from " + policy.inbound().from().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"))
                + (policy.http().signingKey() != null ? " (tenant header signed)" : "")
                + (policy.inbound().mdcKey() != null ? ", MDC " + policy.inbound().mdcKey() : "");
    }

    private static String httpSummary(Policy policy) {
        if (!policy.http().instrumented()) {
            return "not guarded";
        }
        return policy.http().mode().name().toLowerCase()
                + (policy.http().checksUrls() ? " (" + policy.http().rules().size() + " rules)" : " (no rules)")
                + (policy.http().propagates() ? ", tenant propagated as " + policy.http().tenantHeader() + " and baggage"
                        + (policy.http().signingKey() == null ? "" : ", signed in " + policy.http().signatureHeader())
                        : ", tenant not propagated");
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
