package dev.tenantguard.agent.tooling;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one class file transformer of the agent. The JDK classes it guards are named in advance, so
 * they are woven with plain ASM — no type matching, no Byte Buddy at start: classes already loaded
 * are retransformed once, the others as they load. Every other class is offered to the
 * library gate, which hands the few that can matter to the library instrumentation.
 */
public final class JdkWeaver implements ClassFileTransformer {
    private final Map<String, ClassWeave> weaves = new ConcurrentHashMap<>();
    /** The methods ({@code name(descriptor)}) woven in each class, by internal name. */
    private final Map<String, Set<String>> wovenByClass = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile ClassFileTransformer libraries;

    /**
     * Whether the method {@code methodName} of the class {@code binaryName} is woven — already,
     * or, for a class not loaded yet, by a dry run on this JDK's class file.
     */
    public boolean weaves(String binaryName, String methodName) {
        String internalName = binaryName.replace('.', '/');
        Set<String> methods = wovenByClass.get(internalName);
        if (methods == null) {
            methods = dryRun(internalName);
        }
        if (methods != null) {
            for (String method : methods) {
                if (method.startsWith(methodName + "(")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some method of the loaded class {@code binaryName} has been woven. */
    public boolean wovenClass(String binaryName) {
        Set<String> methods = wovenByClass.get(binaryName.replace('.', '/'));
        return methods != null && !methods.isEmpty();
    }

    /** Hands every class that is not the JDK's to {@code gate} as it loads. */
    public void libraries(ClassFileTransformer gate) {
        this.libraries = gate;
    }

    /**
     * Adds the weaves of a family and weaves its classes loaded already, then checks that every
     * class this JDK has has the methods its weaves require — woven now, or, for a class not loaded
     * yet, by a dry run on its class file — so a route the agent guards cannot silently be missing
     * on this JDK. Returns the problems found (empty when every class present was woven).
     */
    public List<String> install(Instrumentation instrumentation, List<ClassWeave> classes) {
        List<String> problems = retransformLoaded(instrumentation, add(classes));
        for (ClassWeave weave : classes) {
            Set<String> methods = wovenByClass.get(weave.className);
            if (methods == null) {
                methods = dryRun(weave.className);
            }
            if (methods != null) {
                for (String missing : weave.missing(methods)) {
                    problems.add(missing + " is not in this JDK: the route through it would not be guarded");
                }
            }
        }
        problems.addAll(errors);
        errors.clear();
        return problems;
    }

    /** Adds the weaves of a family; returns the internal names of their classes. */
    private List<String> add(List<ClassWeave> classes) {
        List<String> names = new ArrayList<>();
        for (ClassWeave weave : classes) {
            weaves.put(weave.className, weave);
            names.add(weave.className);
        }
        return names;
    }

    /**
     * Retransforms the classes of {@code internalNames} that are loaded already; the others are
     * woven as they load. Returns the problems found.
     */
    private List<String> retransformLoaded(Instrumentation instrumentation, List<String> internalNames) {
        Set<String> wanted = ConcurrentHashMap.newKeySet();
        for (String name : internalNames) {
            wanted.add(name.replace('/', '.'));
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (wanted.contains(type.getName())) {
                loaded.add(type);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                problems.add("could not retransform " + loaded + ": " + e);
            }
        }
        return problems;
    }

    /**
     * Weaves the JDK's class file of a class not loaded yet, as it would be at load, without loading
     * it: proves now that the class still has the methods the weave is made for. Returns the
     * methods woven ({@code name+descriptor}), {@code null} when the class file is not in this JDK.
     */
    private Set<String> dryRun(String internalName) {
        ClassWeave weave = weaves.get(internalName);
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            if (weave == null || in == null) {
                return null;
            }
            Set<String> methods = ConcurrentHashMap.newKeySet();
            weave.apply(in.readAllBytes(), methods);
            return methods;
        } catch (IOException | RuntimeException e) {
            errors.add(internalName.replace('/', '.') + " could not be woven: " + e);
            return null;
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (className == null) {
            return null;
        }
        ClassWeave weave = weaves.get(className);
        if (weave != null) {
            return weave(weave, classFile);
        }
        ClassFileTransformer gate = libraries;
        if (gate != null && classBeingRedefined == null) {
            try {
                return gate.transform(module, loader, className, null, protectionDomain, classFile);
            } catch (java.lang.instrument.IllegalClassFormatException e) {
                return null;
            }
        }
        return null;
    }

    private byte[] weave(ClassWeave weave, byte[] classFile) {
        try {
            Set<String> methods = ConcurrentHashMap.newKeySet();
            byte[] result = weave.apply(classFile, methods);
            wovenByClass.put(weave.className, methods);
            return result;
        } catch (RuntimeException | LinkageError e) {
            String problem = weave.className.replace('/', '.') + " could not be woven: " + e;
            errors.add(problem);
            System.err.println("tenant-guard: " + problem + "; " + weave.family + " calls through it are not checked");
            return null;
        }
    }
}
