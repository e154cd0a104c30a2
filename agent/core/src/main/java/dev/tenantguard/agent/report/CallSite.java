package dev.tenantguard.agent.report;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * A violation's key as a repeat is found by: kind, rule, and the frame that {@link CallStack#callSite()}
 * names (its class, method and line), read without formatting a string or copying the stack. Found by
 * one walk that stops at that frame, so a violation that repeats at a known call site is counted for
 * the price of the walk alone, and the record (the stack as text, the message, the event) is built
 * only for a new one.
 *
 * <p>The walk uses the same rules as {@link CallStack#capture}: agent, JDK and JDBC-object frames are
 * passed over, and a library's frame names the call site only when no application frame follows.
 * A Spring proxy's frame is kept under the proxy's own class name: it is as distinct as the proxied
 * class's, and needs no string built.
 */
public final class CallSite implements Function<Stream<StackWalker.StackFrame>, CallSite> {
    /**
     * Frames looked at for the call site: a guarded call deeper below its application frame than
     * this (frameworks stacked on the driver) takes the full capture instead.
     */
    static final int MAX_FRAMES = 64;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String kind;
    private final String rule;
    /** What else tells two violations apart at one call site: a JDBC violation's statement, else null. */
    private final String detail;
    private final BiPredicate<String, String> exempt;
    // set by the walk, before this object is published as a key; never changed after
    private String className;
    private String methodName;
    private int line;
    private boolean found;
    private boolean isExempt;
    private int hash;

    private CallSite(String kind, String rule, String detail, BiPredicate<String, String> exempt) {
        this.kind = kind;
        this.rule = rule;
        this.detail = detail;
        this.exempt = exempt;
    }

    /**
     * The call site of the calling thread's guarded call, or {@code null} when it lies more than
     * {@link #MAX_FRAMES} frames down (then the caller captures the whole stack).
     *
     * @param exempt the frames (class, method) that anywhere on the stack exempt the call, or {@code null}
     *               for none: with one, the walk goes on to the bottom of the stack
     */
    public static CallSite locate(String kind, String rule, BiPredicate<String, String> exempt) {
        return locate(kind, rule, null, exempt);
    }

    /**
     * As above, told apart also by {@code detail} (may be null): two statements a method runs through
     * one line are two violations, each reported with its own SQL.
     */
    public static CallSite locate(String kind, String rule, String detail, BiPredicate<String, String> exempt) {
        CallSite site = WALKER.walk(new CallSite(kind, rule, detail, exempt));
        if (!site.found) {
            return null;
        }
        site.hash = ((Objects.hashCode(site.className) * 31 + Objects.hashCode(site.methodName)) * 31 + site.line) * 31
                + Objects.hashCode(site.rule) * 7 + Objects.hashCode(site.detail) * 3 + site.kind.hashCode();
        return site;
    }

    /** Whether a class of {@code exempt.callers} is on the stack. */
    public boolean isExempt() {
        return isExempt;
    }

    @Override
    public CallSite apply(Stream<StackWalker.StackFrame> stack) {
        Iterator<StackWalker.StackFrame> frames = stack.iterator();
        StackWalker.StackFrame library = null;
        int seen = 0;
        while (frames.hasNext()) {
            StackWalker.StackFrame frame = frames.next();
            if (!found && ++seen > MAX_FRAMES) {
                return this;
            }
            String name = frame.getClassName();
            if (CallStack.isAgent(name) || CallStack.isJdk(frame.getDeclaringClass())
                    || CallStack.isJdbcObject(frame.getDeclaringClass())) {
                continue;
            }
            if (LibraryFrames.isLibrary(name) && !LibraryFrames.isSpringProxy(name)) {
                library = library == null ? frame : library;
                continue;
            }
            if (exempt != null && exempt.test(name, frame.getMethodName())) {
                isExempt = true;
                found = true;
                return this;
            }
            if (!found) {
                at(frame);
                if (exempt == null) {
                    return this;
                }
            }
        }
        if (!found) {
            // as CallStack.capture: no application frame, so the library's own thread names it, else "unknown"
            if (library != null) {
                at(library);
            } else {
                found = true;
                line = -3;
            }
        }
        return this;
    }

    private void at(StackWalker.StackFrame frame) {
        className = frame.getClassName();
        methodName = frame.getMethodName();
        // the line, not the bytecode index: two overloads of one name may reach the call at the same index
        line = frame.getLineNumber();
        found = true;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CallSite)) {
            return false;
        }
        CallSite that = (CallSite) other;
        return hash == that.hash && line == that.line && kind.equals(that.kind) && Objects.equals(rule, that.rule)
                && Objects.equals(detail, that.detail)
                && Objects.equals(className, that.className) && Objects.equals(methodName, that.methodName);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String where = className != null && LibraryFrames.isSpringProxy(className)
                ? LibraryFrames.proxiedClass(className) : className;
        return kind + " " + rule + " at " + where + "." + methodName + ":" + line;
    }
}
