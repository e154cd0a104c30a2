package dev.tenantguard.agent.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code exempt.callers} patterns: {@code com.x.Admin} (that class and its nested classes),
 * {@code com.x.*} (classes of that package), {@code com.x.**} (that package and sub-packages), each
 * optionally followed by {@code #method}, where {@code *} in the method stands for any characters:
 * {@code com.x.Admin#purge*} exempts only the frames of those methods.
 */
public final class CallerPatterns {
    private final List<Entry> entries = new ArrayList<>();

    /** @param patterns each checked by {@link #problem} (the policy refuses the others) */
    public CallerPatterns(List<String> patterns) {
        for (String pattern : patterns) {
            entries.add(Entry.of(pattern));
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether a class pattern without a method covers every frame of {@code className}. */
    public boolean matches(String className) {
        return matches(className, null);
    }

    /**
     * Whether the frame of {@code methodName} (null: any method is unknown, so only a pattern
     * without a method matches) in {@code className} is exempt.
     */
    public boolean matches(String className, String methodName) {
        for (Entry entry : entries) {
            if (entry.matchesClass(className)
                    && (entry.method == null || methodName != null && globMatches(entry.method, methodName, 0, 0))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The patterns that name one class and a method, by that class's binary name: what can be
     * checked against the class's methods when it loads.
     */
    public Map<String, List<String>> methodPatternsByClass() {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.method != null && entry.className != null) {
                byClass.computeIfAbsent(entry.className, c -> new ArrayList<>()).add(entry.pattern);
            }
        }
        return byClass;
    }

    /** Whether {@code pattern}'s method part (after {@code #}) matches {@code methodName}. */
    public static boolean methodMatches(String pattern, String methodName) {
        int hash = pattern.indexOf('#');
        return hash < 0 || globMatches(pattern.substring(hash + 1), methodName, 0, 0);
    }

    /**
     * Why {@code pattern} is not a caller pattern, one sentence with the spelling to use, or
     * {@code null} when it is one. Class and method are told apart by Java's naming convention:
     * a package segment starts in lower case, a class in upper case.
     */
    public static String problem(String pattern) {
        String usage = "write a class (com.x.Admin), package.* or package.**, optionally followed by #method"
                + " (com.x.Admin#purge, * for any characters: com.x.Admin#purge*)";
        int hash = pattern.indexOf('#');
        String classPart = hash < 0 ? pattern : pattern.substring(0, hash);
        String method = hash < 0 ? null : pattern.substring(hash + 1);
        String names = classPart.endsWith(".**") ? classPart.substring(0, classPart.length() - 3)
                : classPart.endsWith(".*") ? classPart.substring(0, classPart.length() - 2) : classPart;
        if (!isDottedName(names)) {
            return "caller '" + pattern + "' is not a class name (com.x.Foo), package.* or package.**"
                    + (hash < 0 ? "" : ", followed by #method");
        }
        boolean wildcard = !names.equals(classPart);
        String[] segments = names.split("\\.");
        String last = segments[segments.length - 1];
        for (int i = 1; i < segments.length; i++) {
            if (Character.isUpperCase(segments[i - 1].charAt(0)) && Character.isLowerCase(segments[i].charAt(0))) {
                String owner = String.join(".", java.util.Arrays.copyOfRange(segments, 0, i));
                return "caller '" + pattern + "' gives a method where a class is expected: '" + segments[i]
                        + "' follows the class " + owner + " (write " + owner + "#" + segments[i] + ")";
            }
        }
        if (method == null) {
            return null;
        }
        if (!wildcard && Character.isLowerCase(last.charAt(0))) {
            return "caller '" + pattern + "' gives a package where a class is expected before '#': " + names
                    + " (write " + names + ".*#" + method + " for the classes of that package, or name the class)";
        }
        if (method.isEmpty()) {
            return "caller '" + pattern + "' has no method after '#'; " + usage;
        }
        if (method.indexOf('(') >= 0) {
            return "caller '" + pattern + "' gives parameters: a method is matched by its name alone (write "
                    + classPart + "#" + method.substring(0, method.indexOf('(')) + ")";
        }
        if (method.indexOf('.') >= 0 || method.indexOf('#') >= 0 || Character.isUpperCase(method.charAt(0))) {
            return "caller '" + pattern + "' gives a class where a method is expected after '#': " + method
                    + " (a class's nested classes are covered by the class: write " + classPart + ", or "
                    + classPart + "$Nested#method)";
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c != '*' && !Character.isJavaIdentifierPart(c)) {
                return "caller '" + pattern + "': '" + method + "' is not a method name; " + usage;
            }
        }
        return null;
    }

    private static boolean isDottedName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code *} any characters, everything else literal; no allocation. */
    private static boolean globMatches(String glob, String text, int g, int t) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                for (int from = t; from <= text.length(); from++) {
                    if (globMatches(glob, text, g + 1, from)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || text.charAt(t) != c) {
                return false;
            }
            g++;
            t++;
        }
        return t == text.length();
    }

    /** One pattern: exactly one of className, pkg, tree is set; method is null for any method. */
    private static final class Entry {
        final String pattern;
        final String className;
        final String pkg;
        final String tree;
        final String method;

        private Entry(String pattern, String className, String pkg, String tree, String method) {
            this.pattern = pattern;
            this.className = className;
            this.pkg = pkg;
            this.tree = tree;
            this.method = method;
        }

        static Entry of(String pattern) {
            int hash = pattern.indexOf('#');
            String classPart = hash < 0 ? pattern : pattern.substring(0, hash);
            String method = hash < 0 ? null : pattern.substring(hash + 1);
            if (classPart.endsWith(".**")) {
                return new Entry(pattern, null, null, classPart.substring(0, classPart.length() - 2), method);
            }
            if (classPart.endsWith(".*")) {
                return new Entry(pattern, null, classPart.substring(0, classPart.length() - 1), null, method);
            }
            return new Entry(pattern, classPart, null, null, method);
        }

        boolean matchesClass(String name) {
            if (className != null) {
                // the class and its nested classes, lambdas and proxies ($-suffixed)
                return name.startsWith(className)
                        && (name.length() == className.length() || name.charAt(className.length()) == '$');
            }
            if (tree != null) {
                return name.startsWith(tree);
            }
            return name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0;
        }
    }
}
