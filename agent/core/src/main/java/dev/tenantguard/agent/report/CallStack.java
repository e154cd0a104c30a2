package dev.tenantguard.agent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack of a guarded call as a user reads it: the agent's own frames left out, the call site
 * being the first frame outside the JDK, the JDBC objects of drivers and pools, and the libraries
 * that call them for the application ({@link LibraryFrames}). Captured only on the violation path.
 */
public final class CallStack {
    private static final String UNKNOWN = "unknown";
    /** Where a call made by a Spring proxy's advice is: in the proxied method, at no line of it. */
    static final String PROXIED = "through its Spring proxy";
    /** Created at start: a SecurityManager installed later must not make capture fail. */
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String callSite;
    private final List<String> frames;
    private final List<String> applicationClasses;
    /** The method of each of {@link #applicationClasses}' frames, at the same index. */
    private final List<String> applicationMethods;

    private CallStack(String callSite, List<String> frames, List<String> applicationClasses,
            List<String> applicationMethods) {
        this.callSite = callSite;
        this.frames = frames;
        this.applicationClasses = applicationClasses;
        this.applicationMethods = applicationMethods;
    }

    /**
     * Captures the calling thread's stack, keeping at most {@code depth} frames for display: the innermost
     * ones, or, when the call site lies deeper than that (a query run through a repository proxy, the ORM
     * and the pool), those that {@link ShownFrames} picks around the call site.
     */
    public static CallStack capture(int depth) {
        List<StackWalker.StackFrame> all = WALKER.walk(s -> s.filter(f -> !isAgent(f.getClassName()))
                .collect(Collectors.toList()));
        List<String> applicationClasses = new ArrayList<>();
        List<String> applicationMethods = new ArrayList<>();
        String callSite = null;
        int callSiteIndex = -1;
        String inLibrary = null;
        for (int i = 0; i < all.size(); i++) {
            StackWalker.StackFrame frame = all.get(i);
            if (isJdk(frame.getDeclaringClass()) || isJdbcObject(frame.getDeclaringClass())) {
                continue;
            }
            String className = frame.getClassName();
            if (LibraryFrames.isSpringProxy(className)) {
                // only libraries below it: the proxy's advice (a cache lookup) called for the proxied method
                String proxied = LibraryFrames.proxiedClass(className);
                applicationClasses.add(proxied);
                applicationMethods.add(frame.getMethodName());
                if (callSite == null) {
                    callSite = proxied + "." + frame.getMethodName() + "(" + PROXIED + ")";
                    callSiteIndex = i;
                }
                continue;
            }
            if (LibraryFrames.isLibrary(className)) {
                inLibrary = inLibrary == null ? format(frame) : inLibrary;
                continue;
            }
            applicationClasses.add(className);
            applicationMethods.add(frame.getMethodName());
            if (callSite == null) {
                callSite = format(frame);
                callSiteIndex = i;
            }
        }
        List<String> frames = ShownFrames.pick(all, callSiteIndex, depth);
        // a library's own thread (an HTTP client's async I/O, a redirect it follows) has no application frame
        return new CallStack(callSite != null ? callSite : inLibrary != null ? inLibrary : UNKNOWN, frames,
                applicationClasses, applicationMethods);
    }

    /**
     * The calling thread's call site alone, as {@link #callSite()}: walks only as far as the first
     * application frame.
     */
    public static String currentCallSite() {
        return WALKER.walk(s -> s.filter(f -> !isAgent(f.getClassName()) && !isJdk(f.getDeclaringClass())
                && !isJdbcObject(f.getDeclaringClass())).findFirst().map(CallStack::format).orElse(UNKNOWN));
    }

    /** The first frame outside the JDK and the agent, e.g. {@code com.x.Repo.find(Repo.java:42)}. */
    public String callSite() {
        return callSite;
    }

    public List<String> frames() {
        return frames;
    }

    /** Names of every non-JDK class on the stack, innermost first. */
    public List<String> applicationClasses() {
        return applicationClasses;
    }

    /** The method of each frame of {@link #applicationClasses()}, at the same index. */
    public List<String> applicationMethods() {
        return applicationMethods;
    }

    /** The trimmed stack as elements, for the stack trace of a thrown violation. */
    public static StackTraceElement[] withoutAgentFrames(StackTraceElement[] trace) {
        int first = 0;
        while (first < trace.length && isAgent(trace[first].getClassName())) {
            first++;
        }
        StackTraceElement[] trimmed = new StackTraceElement[trace.length - first];
        System.arraycopy(trace, first, trimmed, 0, trimmed.length);
        return trimmed;
    }

    static boolean isAgent(String className) {
        return className.startsWith("dev.tenantguard.agent.")
                || className.startsWith("dev.tenantguard.internal.")
                || className.startsWith("dev.tenantguard.api.")
                || className.startsWith("dev.tenantguard.shaded.");
    }

    /**
     * Drivers' and pools' own JDBC objects (connections, statements, proxies): the call site is the
     * code that used them, not the pool's proxy that forwarded the call.
     */
    static boolean isJdbcObject(Class<?> type) {
        return JDBC_WRAPPER != null && JDBC_WRAPPER.isAssignableFrom(type);
    }

    /** {@code java.sql.Wrapper}, or {@code null} in a JVM without the java.sql module (then no JDBC either). */
    private static final Class<?> JDBC_WRAPPER = jdbcWrapper();

    private static Class<?> jdbcWrapper() {
        try {
            return Class.forName("java.sql.Wrapper", false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    static boolean isLibraryOrJdk(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        return isJdk(type) || isJdbcObject(type) || LibraryFrames.isLibrary(frame.getClassName());
    }

    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return true;
        }
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    /**
     * A frame as a stack trace prints it; a JDK proxy's frame names the interface it implements the method
     * for instead of a source file ({@code jdk.proxy3.$Proxy120.renameById(com.example.PetRepository)}):
     * the repository method a service called.
     */
    static String format(StackWalker.StackFrame frame) {
        if (java.lang.reflect.Proxy.isProxyClass(frame.getDeclaringClass())) {
            String declaring = ProxiedInterface.declaring(frame.getDeclaringClass(), frame.getMethodName());
            if (declaring != null) {
                return frame.getClassName() + "." + frame.getMethodName() + "(" + declaring + ")";
            }
        }
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }
}
