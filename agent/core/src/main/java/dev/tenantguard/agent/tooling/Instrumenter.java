package dev.tenantguard.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.tenantguard.internal.AgentKey;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Instruments the families the policy guards and proves the instrumentation works. It knows the
 * {@link Family} contract only: each family hands it its JDK weaves, its library types and its
 * self-test.
 *
 * <p>Two layers. The JDK's classes, known by name, are woven with plain ASM by one transformer
 * ({@link JdkWeaver}): at start no Byte Buddy is loaded for them. The application's classes
 * (drivers, containers, HTTP libraries, executors of libraries) are matched by type with Byte
 * Buddy — at start through the {@link LibraryGate}, which builds Byte Buddy only when a class that
 * could be one of them loads; on attach, at once, retransforming those already loaded (or, for
 * types that get fields, leaving those alone: the family says which).
 *
 * <p>What is proven where. Every family checks, at start and on attach, that each JDK method its
 * routes go through is in the running JDK and woven (required weaves; a dry run on the class file
 * of a class not loaded yet). Behavioural probes that are cheap (file I/O: no thread, no socket)
 * run at start too; those that start threads and load whole subsystems run on attach, and the test
 * suite runs them on every supported JDK.
 */
public final class Instrumenter {
    private final Instrumentation instrumentation;
    private final boolean atStart;
    private final AgentKey key;
    private JdkWeaver weaver;
    private LibraryGate gate;

    /**
     * @param atStart {@code -javaagent} start, as opposed to an attach to a running JVM
     * @param key     the agent's key, for the self-tests' probe guards
     */
    public Instrumenter(Instrumentation instrumentation, boolean atStart, AgentKey key) {
        this.instrumentation = instrumentation;
        this.key = key;
        this.atStart = atStart;
    }

    /** The one JDK weaver of this JVM, registered on first use. */
    private JdkWeaver weaver() {
        if (weaver == null) {
            weaver = new JdkWeaver();
            gate = new LibraryGate();
            weaver.libraries(gate);
            instrumentation.addTransformer(weaver, true);
        }
        return weaver;
    }

    /**
     * Instruments {@code family} and runs its self-test. Returns the problems found, each prefixed
     * with the family's name; empty when its enforcement is complete.
     */
    public List<String> instrument(Family family) {
        JdkWeaver jdk = weaver();
        List<ClassWeave> weaves = family.jdkWeaves();
        List<String> problems = new ArrayList<>(weaves.isEmpty() ? List.of() : jdk.install(instrumentation, weaves));
        for (TypeInstrumentation type : family.libraryTypes()) {
            problems.addAll(library(type));
        }
        problems.addAll(family.selfTest(jdk, key, atStart));
        List<String> named = new ArrayList<>();
        for (String problem : problems) {
            named.add(family.name() + ": " + problem);
        }
        return named;
    }

    /**
     * A group of library types: at start through the gate (Byte Buddy only once a candidate
     * loads); on attach at once, retransforming the group's classes already loaded — or, for a
     * group that adds fields, transforming only the classes that load from now on.
     */
    private List<String> library(TypeInstrumentation type) {
        if (atStart) {
            gate.add(type);
            return List.of();
        }
        Failures failures = new Failures(type.consequence);
        System.setProperty(LibraryGate.NEXUS_DISABLED, "true");
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
        if (type.changesClassFormat) {
            builder = builder.with(AgentBuilder.TypeStrategy.Default.REDEFINE);
        } else {
            builder = builder.disableClassFormatChanges().with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        builder = builder.with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(failures)
                .ignore(jdkOrAgent().or(type.ignored()));
        type.apply(builder).installOn(instrumentation);
        synchronized (failures.errors) {
            return new ArrayList<>(failures.errors);
        }
    }

    /** The JDK's classes (the JDK weaver's; the servlet API is not the JDK's) and the agent's own. */
    static ElementMatcher.Junction<TypeDescription> jdkOrAgent() {
        return nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun.")).or(nameStartsWith("dev.tenantguard."))
                .or(nameStartsWith("javax.").and(not(nameStartsWith("javax.servlet.")))).or(isSynthetic());
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
