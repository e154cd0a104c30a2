package dev.tenantguard.agent;

import dev.tenantguard.agent.policy.CallerPatterns;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Warns, when a class named by an {@code exempt.callers} pattern with a method ({@code com.x.Admin#purge*})
 * loads, about each of those patterns that matches none of the class's own methods: such a pattern
 * exempts nothing, most often a typo or a method renamed since the policy was written. Which methods a
 * class has is known only once it loads, so this cannot be refused at start. Reads the class file, never
 * changes it; installed only when the policy has such patterns.
 */
final class ExemptMethodCheck implements ClassFileTransformer {
    /** By internal name ({@code com/x/Admin}); an entry is removed once its class was checked. */
    private final Map<String, List<String>> pending = new HashMap<>();
    private final PrintStream warnings;
    private final Instrumentation instrumentation;
    /** Read before the lock: once every named class was checked, class loads pay one volatile read. */
    private volatile boolean done;

    private ExemptMethodCheck(Map<String, List<String>> byClass, PrintStream warnings, Instrumentation instrumentation) {
        byClass.forEach((name, patterns) -> pending.put(name.replace('.', '/'), patterns));
        this.warnings = warnings;
        this.instrumentation = instrumentation;
    }

    /** Checks the classes loaded already (on attach) and watches those that load later. */
    static void install(CallerPatterns callers, Instrumentation instrumentation, PrintStream warnings) {
        Map<String, List<String>> byClass = callers.methodPatternsByClass();
        if (byClass.isEmpty()) {
            return;
        }
        ExemptMethodCheck check = new ExemptMethodCheck(byClass, warnings, instrumentation);
        instrumentation.addTransformer(check, false);
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            List<String> patterns = check.take(loaded.getName().replace('.', '/'));
            if (patterns != null) {
                List<String> methods = new ArrayList<>();
                for (Method method : loaded.getDeclaredMethods()) {
                    if (!methods.contains(method.getName())) {
                        methods.add(method.getName());
                    }
                }
                check.warnUnmatched(loaded.getName(), patterns, methods);
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        List<String> patterns = className == null || redefined != null ? null : take(className);
        if (patterns != null) {
            try {
                warnUnmatched(className.replace('/', '.'), patterns, methodNames(classFile));
            } catch (RuntimeException e) {
                warnings.println("tenant-guard: could not read the methods of " + className.replace('/', '.')
                        + " to check exempt.callers " + patterns + ": " + e);
            }
        }
        return null; // the class is not changed
    }

    private List<String> take(String internalName) {
        if (done) {
            return null;
        }
        synchronized (this) {
            List<String> patterns = pending.remove(internalName);
            if (pending.isEmpty() && !done) {
                done = true;
                instrumentation.removeTransformer(this); // nothing left to check
            }
            return patterns;
        }
    }

    void warnUnmatched(String className, List<String> patterns, List<String> methods) {
        for (String pattern : patterns) {
            boolean any = false;
            for (String method : methods) {
                any = any || CallerPatterns.methodMatches(pattern, method);
            }
            if (!any) {
                warnings.println("tenant-guard: exempt.callers '" + pattern + "' matches no method of " + className
                        + " (loaded now; methods: " + String.join(", ", methods) + "): it exempts nothing");
            }
        }
    }

    private static List<String> methodNames(byte[] classFile) {
        List<String> names = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.startsWith("<") && !names.contains(name)) {
                    names.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return names;
    }
}
