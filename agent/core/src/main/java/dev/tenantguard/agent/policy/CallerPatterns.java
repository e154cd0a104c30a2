package dev.tenantguard.agent.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code exempt.callers} patterns: {@code com.x.Admin} (that class and its nested classes),
 * {@code com.x.*} (classes of that package), {@code com.x.**} (that package and sub-packages).
 */
public final class CallerPatterns {
    private final Set<String> classes = new HashSet<>();
    private final List<String> packages = new ArrayList<>();
    private final List<String> packageTrees = new ArrayList<>();

    public CallerPatterns(List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern.endsWith(".**")) {
                packageTrees.add(pattern.substring(0, pattern.length() - 2));
            } else if (pattern.endsWith(".*")) {
                packages.add(pattern.substring(0, pattern.length() - 1));
            } else {
                classes.add(pattern);
            }
        }
    }

    public boolean isEmpty() {
        return classes.isEmpty() && packages.isEmpty() && packageTrees.isEmpty();
    }

    public boolean matches(String className) {
        int nested = className.indexOf('$');
        String outer = nested < 0 ? className : className.substring(0, nested);
        if (classes.contains(outer)) {
            return true;
        }
        for (String tree : packageTrees) {
            if (className.startsWith(tree)) {
                return true;
            }
        }
        for (String pkg : packages) {
            if (className.startsWith(pkg) && className.indexOf('.', pkg.length()) < 0) {
                return true;
            }
        }
        return false;
    }
}
