package dev.tenantguard.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.tenantguard.agent.weave.JdkWeaver;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the instrumentation of the guarded families and proves it works. Families without rules
 * are not instrumented at all.
 *
 * <p>Two layers. The JDK's classes, known by name, are woven with plain ASM by one transformer
 * ({@link JdkWeaver}): at start no Byte Buddy is loaded for them. The application's classes
 * (drivers, containers, HTTP libraries, executors of libraries) are matched by type with Byte
 * Buddy — at start through the {@link LibraryGate}, which builds Byte Buddy only when a class that
 * could be one of them loads; on attach, at once, retransforming those already loaded.
 *
 * <p>What is proven where. Every family checks, at start and on attach, that each JDK method its
 * routes go through is in the running JDK and woven (required weaves; a dry run on the class file
 * of a class not loaded yet) and stops the JVM naming the route if one is not. File I/O is also
 * proven by behaviour at start (a probe of every route, cheap: no thread, no socket). The
 * behavioural probes of HTTP (an {@code HttpURLConnection} connect), propagation (tasks on a thread
 * pool, a scheduled pool, a fork-join pool, a new thread, a timer) and inbound requests (an
 * HttpServer exchange) start threads and load whole subsystems, hundreds of milliseconds a
 * hello world would pay: they run on attach, and the test suite runs them on every supported JDK.
 */
public final class Instrumenter {
    private static JdkWeaver weaver;
    private static LibraryGate gate;

    private Instrumenter() {
    }

    /** The one JDK weaver of this JVM, registered on first use. */
    private static synchronized JdkWeaver weaver(Instrumentation instrumentation) {
        if (weaver == null) {
            weaver = new JdkWeaver();
            gate = new LibraryGate();
            weaver.libraries(gate);
            instrumentation.addTransformer(weaver, true);
        }
        return weaver;
    }

    /**
     * Instruments the JDK's file I/O and HTTP clients (either or both), and the HTTP libraries, then
     * runs their self-tests. Returns the problems found, each prefixed with its family; empty when
     * enforcement is complete.
     */
    public static List<String> installJdk(Instrumentation instrumentation, boolean files, boolean http, boolean atStart) {
        JdkWeaver jdk = weaver(instrumentation);
        List<String> problems = new ArrayList<>();
        if (files) {
            jdk.files(instrumentation).forEach(p -> problems.add("files: " + p));
            FileSelfTest.run().forEach(p -> problems.add("files: " + p));
        }
        if (http) {
            // a JVM without the java.net.http module (--limit-modules, jlink images) has no HttpClient to guard
            boolean httpClient = ModuleLayer.boot().findModule("java.net.http").isPresent();
            jdk.http(instrumentation, httpClient).forEach(p -> problems.add("http: " + p));
            if (!atStart) {
                HttpSelfTest.run(jdk, httpClient).forEach(p -> problems.add("http: " + p));
            }
            problems.addAll(library(instrumentation, atStart, httpLibraries(), "http: "));
        }
        return problems;
    }

    /**
     * Instruments the hand-over of work between threads (executors, fork-join, threads, timers) for
     * tenant context propagation, then runs its self-test. Returns the problems found; empty when
     * the context travels on every route.
     */
    public static List<String> installPropagation(Instrumentation instrumentation, boolean atStart) {
        JdkWeaver jdk = weaver(instrumentation);
        List<String> problems = new ArrayList<>();
        jdk.context(instrumentation).forEach(p -> problems.add("context: " + p));
        if (!atStart) {
            ExecutorSelfTest.run(jdk).forEach(p -> problems.add("context: " + p));
        }
        problems.addAll(library(instrumentation, atStart, executors(), "context: "));
        return problems;
    }

    /**
     * Instruments JDBC drivers and pools as their classes load (statement and connection classes
     * get fields, so this cannot apply to classes already loaded), leaving out the classes of
     * {@code skippedPackages}: on attach, the packages of drivers already loaded, which must not be
     * half instrumented. Returns problems found so far; a class that fails to transform later is
     * reported on stderr when it loads.
     */
    public static List<String> installJdbc(Instrumentation instrumentation, Set<String> skippedPackages, boolean atStart) {
        weaver(instrumentation);
        if (atStart) {
            gate.add(jdbc());
            return List.of();
        }
        Failures failures = new Failures("its calls are not checked");
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(failures)
                .ignore(jdkOrAgent()
                        .or(type -> type.getPackage() != null && skippedPackages.contains(type.getPackage().getName())));
        JdbcInstrumentation.install(builder).installOn(instrumentation);
        return new ArrayList<>(failures.errors);
    }

    /**
     * Instruments the places inbound requests enter: the JDK HttpServer's filter chain, servlets,
     * filters and async contexts of any container as they load. Returns the problems found now —
     * the HttpServer chain must be woven when the JDK has it, and a probe exchange must open and
     * close a request scope; a container class that fails later is reported on stderr when it loads.
     */
    public static List<String> installInbound(Instrumentation instrumentation, boolean atStart) {
        JdkWeaver jdk = weaver(instrumentation);
        List<String> problems = new ArrayList<>(jdk.inbound(instrumentation));
        problems.addAll(library(instrumentation, atStart, servlets(), ""));
        // a JVM started without the jdk.httpserver module (--limit-modules, jlink images) has no JDK
        // server to prove; the servlet containers are checked as their classes load
        if (!atStart && ModuleLayer.boot().findModule("jdk.httpserver").isPresent()) {
            problems.addAll(InboundSelfTest.run(jdk));
        }
        return problems;
    }

    /**
     * A library family: at start through the gate (Byte Buddy only once a candidate loads); on
     * attach at once, retransforming the family's classes already loaded.
     */
    private static List<String> library(Instrumentation instrumentation, boolean atStart, LibraryFamily family,
            String prefix) {
        if (atStart) {
            gate.add(family);
            return List.of();
        }
        Failures failures = new Failures(family.consequence);
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(failures)
                .ignore(jdkOrAgent());
        family.apply(builder).installOn(instrumentation);
        List<String> problems = new ArrayList<>();
        failures.errors.forEach(p -> problems.add(prefix + p));
        return problems;
    }

    /** The JDK's classes (the JDK weaver's; the servlet API is not the JDK's) and the agent's own. */
    static net.bytebuddy.matcher.ElementMatcher.Junction<TypeDescription> jdkOrAgent() {
        return nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun.")).or(nameStartsWith("dev.tenantguard."))
                .or(nameStartsWith("javax.").and(not(nameStartsWith("javax.servlet.")))).or(isSynthetic());
    }

    private static LibraryFamily httpLibraries() {
        return new LibraryFamily("its requests are not checked", 0) { // candidates by class name
            @Override
            AgentBuilder apply(AgentBuilder builder) {
                return HttpLibraryInstrumentation.install(builder);
            }

            @Override
            boolean candidate(String internalName, int scan) {
                return HttpLibraryClasses.NAMES.contains(internalName);
            }
        };
    }

    private static LibraryFamily executors() {
        return new LibraryFamily("tasks handed to it do not carry the tenant", ConstantPoolScan.EXECUTOR_METHOD) {
            @Override
            AgentBuilder apply(AgentBuilder builder) {
                return ExecutorInstrumentation.install(builder);
            }
        };
    }

    private static LibraryFamily servlets() {
        return new LibraryFamily("the requests it serves get no tenant from tenant.from",
                ConstantPoolScan.SERVLET | ConstantPoolScan.ENTRY_METHOD) {
            @Override
            AgentBuilder apply(AgentBuilder builder) {
                return InboundInstrumentation.install(builder);
            }
        };
    }

    /**
     * A candidate declares a method the JDBC instrumentation changes and mentions java.sql (its
     * interfaces, its descriptors, the SQLException its methods throw); a class that declares none
     * inherits what its instrumented ancestor got. Left out: an override that mentions no java.sql
     * type at all (no throws clause, no JDBC type).
     */
    private static LibraryFamily jdbc() {
        return new LibraryFamily("its calls are not checked", ConstantPoolScan.SQL | ConstantPoolScan.JDBC_METHOD) {
            @Override
            AgentBuilder apply(AgentBuilder builder) {
                return JdbcInstrumentation.install(builder);
            }
        };
    }

    private static final class Failures extends AgentBuilder.Listener.Adapter {
        final List<String> errors = new ArrayList<>();
        /** For classes that load after install, what a failure means, printed as it happens. */
        private final String laterConsequence;

        Failures(String laterConsequence) {
            this.laterConsequence = laterConsequence;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            String problem = typeName + " could not be instrumented: " + throwable;
            synchronized (errors) {
                errors.add(problem);
            }
            System.err.println("tenant-guard: " + problem + "; " + laterConsequence);
        }
    }
}
