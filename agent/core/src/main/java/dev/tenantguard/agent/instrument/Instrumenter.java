package dev.tenantguard.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the instrumentation of the guarded families and proves it works. Families without rules
 * are not instrumented at all.
 */
public final class Instrumenter {
    private Instrumenter() {
    }

    /**
     * Instruments the JDK's file I/O and HTTP clients (either or both) in one pass over the loaded
     * classes, then runs their self-tests. Returns the problems found, each prefixed with its
     * family; empty when enforcement is complete.
     */
    public static List<String> installJdk(Instrumentation instrumentation, boolean files, boolean http) {
        // Byte Buddy's Nexus is not needed (no LoadedTypeInitializer) and warns on Java 25.
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        Failures failures = new Failures();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(failures)
                // the default ignores bootstrap classes, which are exactly the ones to instrument here
                .ignore(none());
        if (files) {
            builder = FileIoInstrumentation.install(builder);
        }
        // a JVM without the java.net.http module (--limit-modules, jlink images) has no HttpClient to guard
        boolean httpClient = ModuleLayer.boot().findModule("java.net.http").isPresent();
        if (http) {
            builder = HttpLibraryInstrumentation.install(HttpClientInstrumentation.install(builder, httpClient));
        }
        builder.installOn(instrumentation);
        List<String> problems = new ArrayList<>(failures.errors);
        if (files) {
            FileSelfTest.run().forEach(p -> problems.add("files: " + p));
        }
        if (http) {
            if (httpClient) {
                try {
                    // loaded now, so that it is transformed now and the self-test can see it
                    Class.forName(HttpClientInstrumentation.HTTP_CLIENT, false, ClassLoader.getPlatformClassLoader());
                    Class.forName(HttpClientInstrumentation.HTTP_REQUEST, false, ClassLoader.getPlatformClassLoader());
                } catch (ClassNotFoundException e) {
                    problems.add("http: a class of java.net.http is missing: " + e);
                }
            }
            HttpSelfTest.run(failures.transformed, httpClient).forEach(p -> problems.add("http: " + p));
        }
        return problems;
    }

    /**
     * Instruments the hand-over of work between threads (executors, fork-join, threads, timers) for
     * tenant context propagation, then runs its self-test. Returns the problems found; empty when
     * the context travels on every route.
     */
    public static List<String> installPropagation(Instrumentation instrumentation) {
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        Failures failures = new Failures();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(failures)
                // JDK executors and threads are bootstrap classes: not ignored; the agent's own are
                .ignore(nameStartsWith("dev.tenantguard.").or(isSynthetic()));
        // loaded now, so that they are retransformed with the rest: a class that first loads while
        // Byte Buddy transforms another one (ForkJoinPool while it reads ForkJoinTask) is skipped
        for (String type : ExecutorInstrumentation.JDK_TYPES) {
            try {
                Class.forName(type, false, null);
            } catch (ClassNotFoundException e) {
                // not in this JDK (VirtualThread before 21): nothing to instrument there
            }
        }
        ExecutorInstrumentation.install(builder).installOn(instrumentation);
        List<String> problems = new ArrayList<>(failures.errors);
        ExecutorSelfTest.run(failures.transformed).forEach(p -> problems.add("context: " + p));
        return problems;
    }

    /**
     * Instruments JDBC drivers and pools as their classes load (statement and connection classes
     * get fields, so this cannot apply to classes already loaded). Returns problems found so far;
     * a class that fails to transform later is reported on stderr when it loads.
     */
    public static List<String> installJdbc(Instrumentation instrumentation) {
        return installJdbc(instrumentation, Set.of());
    }

    /**
     * As {@link #installJdbc(Instrumentation)}, leaving out the classes of {@code skippedPackages}:
     * on attach, the packages of drivers already loaded, which must not be half instrumented.
     */
    public static List<String> installJdbc(Instrumentation instrumentation, Set<String> skippedPackages) {
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        Failures failures = new Failures("its calls are not checked");
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(failures)
                .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun.")).or(nameStartsWith("dev.tenantguard.")).or(isSynthetic())
                        .or(type -> type.getPackage() != null && skippedPackages.contains(type.getPackage().getName())));
        JdbcInstrumentation.install(builder).installOn(instrumentation);
        return new ArrayList<>(failures.errors);
    }

    /**
     * Instruments the places inbound requests enter: the JDK HttpServer's filter chain now (or when
     * its module loads), servlets, filters and async contexts of any container as they load. Returns
     * the problems found now — the HttpServer chain must be transformed when the JDK has it, and a
     * probe exchange must open and close a request scope; a container class that fails later is
     * reported on stderr when it loads.
     */
    public static List<String> installInbound(Instrumentation instrumentation) {
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        Failures failures = new Failures("the requests it serves get no tenant from tenant.from");
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(failures)
                .with(InboundClassFilter::new)
                .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun.").and(not(named(InboundInstrumentation.FILTER_CHAIN))))
                        .or(nameStartsWith("dev.tenantguard.")).or(isSynthetic()));
        InboundInstrumentation.install(builder).installOn(instrumentation);
        List<String> problems = new ArrayList<>(failures.errors);
        // a JVM started without the jdk.httpserver module (--limit-modules, jlink images) has no JDK
        // server to prove; the servlet containers are checked as their classes load
        if (ModuleLayer.boot().findModule("jdk.httpserver").isPresent()) {
            problems.addAll(InboundSelfTest.run(failures.transformed));
        }
        return problems;
    }

    private static final class Failures extends AgentBuilder.Listener.Adapter {
        final List<String> errors = new ArrayList<>();
        final Set<String> transformed = ConcurrentHashMap.newKeySet();
        /**
         * For classes that load after install, what a failure means, printed as it happens (there is
         * no start left to stop); {@code null} when every class is transformed at install.
         */
        private final String laterConsequence;

        Failures() {
            this(null);
        }

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
            if (laterConsequence != null) {
                System.err.println("tenant-guard: " + problem + "; " + laterConsequence);
            }
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            transformed.add(type.getName());
        }
    }
}
