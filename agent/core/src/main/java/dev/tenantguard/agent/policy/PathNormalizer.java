package dev.tenantguard.agent.policy;

/**
 * Makes a path absolute and removes {@code .}, {@code ..} and repeated separators, the way the
 * kernel would resolve it (without following symbolic links). Paths that are already clean and
 * absolute are returned as they are: the common case allocates nothing.
 */
public final class PathNormalizer {
    private final String workingDirectory;

    /** @param workingDirectory the clean absolute directory relative paths resolve against */
    public PathNormalizer(String workingDirectory) {
        this.workingDirectory = normalize(workingDirectory, "/");
    }

    public String workingDirectory() {
        return workingDirectory;
    }

    /** The absolute, normalized form of {@code path}. */
    public String absolute(String path) {
        if (isAbsolute(path) && isClean(path)) {
            return path;
        }
        return normalize(path, workingDirectory);
    }

    static boolean isAbsolute(String path) {
        return !path.isEmpty() && path.charAt(0) == '/';
    }

    /**
     * True when no segment is empty, {@code .} or {@code ..} and there is no trailing separator
     * (a lone {@code /} is clean). Allocates nothing; the intrinsic {@code indexOf} scans do the
     * common case, the segment walk runs only for paths with a dot after a separator.
     */
    static boolean isClean(String path) {
        int n = path.length();
        if (n == 0 || (n > 1 && path.charAt(n - 1) == '/') || path.indexOf("//") >= 0) {
            return false;
        }
        if (path.charAt(0) != '.' && path.indexOf("/.") < 0) {
            return true;
        }
        return hasNoDotSegment(path);
    }

    private static boolean hasNoDotSegment(String path) {
        int n = path.length();
        int segmentStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - segmentStart;
                if (len == 1 && path.charAt(segmentStart) == '.') {
                    return false;
                }
                if (len == 2 && path.charAt(segmentStart) == '.' && path.charAt(segmentStart + 1) == '.') {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static String normalize(String path, String base) {
        StringBuilder out = new StringBuilder(base.length() + path.length() + 1);
        if (!isAbsolute(path)) {
            append(out, base);
        }
        append(out, path);
        return out.length() == 0 ? "/" : out.toString();
    }

    /** Appends the segments of {@code path} to the clean absolute prefix in {@code out}. */
    private static void append(StringBuilder out, String path) {
        int n = path.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - start;
                if (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                    int cut = out.lastIndexOf("/");
                    out.setLength(Math.max(cut, 0));
                } else if (len > 0 && !(len == 1 && path.charAt(start) == '.')) {
                    out.append('/').append(path, start, i);
                }
                start = i + 1;
            }
        }
    }
}
