package dev.tenantguard.agent.tooling;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * The library families at start: Byte Buddy is built only when the first class that could belong
 * to one of them loads, so a JVM that never loads one does not pay for it. Until then, each class
 * costs one scan of its class file against the groups' {@link ClassFileFilter}s. Classes of the
 * JDK ({@code java/}, {@code jdk/}, {@code sun/}, {@code com/sun/}, {@code javax/} but the servlet
 * API) are the JDK weaver's, never offered here.
 */
final class LibraryGate implements ClassFileTransformer {
    /**
     * Byte Buddy's Nexus (for initializers it would inject) is never needed here, and on Java 24+ its
     * set-up calls sun.misc.Unsafe, which the JDK warns about on the application's stderr.
     */
    static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";
    private final List<TypeInstrumentation> types = new CopyOnWriteArrayList<>();
    private final List<ClassFileFilter> filters = new CopyOnWriteArrayList<>();
    private volatile ClassFileTransformer byteBuddy;

    void add(TypeInstrumentation type) {
        types.add(type);
        filters.add(type.filter);
        byteBuddy = null; // rebuilt with every group the next time a candidate loads
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        if (isJdkOrAgent(className) || !ConstantPoolScan.passes(className, classFile, filters)) {
            return null;
        }
        return byteBuddy().transform(module, loader, className, classBeingRedefined, protectionDomain, classFile);
    }

    static boolean isJdkOrAgent(String name) {
        return name.startsWith("java/") || name.startsWith("jdk/") || name.startsWith("sun/")
                || name.startsWith("com/sun/") || name.startsWith("dev/tenantguard/")
                || name.startsWith("javax/") && !name.startsWith("javax/servlet/");
    }

    private ClassFileTransformer byteBuddy() {
        ClassFileTransformer built = byteBuddy;
        if (built == null) {
            synchronized (this) {
                built = byteBuddy;
                if (built == null) {
                    built = build();
                    byteBuddy = built;
                }
            }
        }
        return built;
    }

    private ClassFileTransformer build() {
        System.setProperty(NEXUS_DISABLED, "true");
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                // classes transformed as they load: fields and interfaces may be added (JDBC)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new Errors())
                .ignore(Instrumenter.jdkOrAgent());
        for (TypeInstrumentation type : types) {
            builder = type.apply(builder);
        }
        return builder.makeRaw();
    }

    /** A class that fails to transform is reported as it loads: there is no start left to stop. */
    private static final class Errors extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            System.err.println("tenant-guard: " + typeName + " could not be instrumented: " + throwable
                    + "; calls through it are not checked");
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
        }
    }
}
