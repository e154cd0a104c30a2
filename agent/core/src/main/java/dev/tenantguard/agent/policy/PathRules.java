package dev.tenantguard.agent.policy;

import java.util.List;

/**
 * The compiled file rules of a policy, and the allocation-free pre-filter that runs on every
 * guarded file call before anything else.
 */
public final class PathRules {
    private final PathRule[] rules;
    private final String[] prefixes;
    private final PathNormalizer normalizer;
    private final String workingDirectory;
    /** What every rule's literal prefix starts with: most paths are decided by this one compare. */
    private final String commonPrefix;
    /** The rules a path can fall under, by the text that follows the common prefix up to a '/'. */
    private final RuleIndex index;

    public PathRules(List<String> patterns, PathNormalizer normalizer) {
        this.normalizer = normalizer;
        this.workingDirectory = normalizer.workingDirectory();
        this.rules = new PathRule[patterns.size()];
        this.prefixes = new String[patterns.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = PathRule.compile(patterns.get(i), normalizer);
            prefixes[i] = rules[i].literalPrefix();
        }
        this.commonPrefix = commonPrefix(prefixes);
        this.index = new RuleIndex(prefixes, commonPrefix.length());
    }

    private static String commonPrefix(String[] prefixes) {
        if (prefixes.length == 0) {
            return "/";
        }
        String common = prefixes[0];
        for (String prefix : prefixes) {
            int n = 0;
            while (n < common.length() && n < prefix.length() && common.charAt(n) == prefix.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common;
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    public PathNormalizer normalizer() {
        return normalizer;
    }

    /**
     * Whether {@code path}, as the JDK will resolve it, may fall under a rule. Exact for clean
     * paths (absolute or relative to the working directory) without allocating; a path with
     * {@code .}, {@code ..} or {@code //} segments is conservatively covered and normalized by
     * the checker.
     */
    public boolean covers(String path) {
        if (!PathNormalizer.isClean(path)) {
            return true;
        }
        if (PathNormalizer.isAbsolute(path)) {
            if (!path.startsWith(commonPrefix)) {
                return false;
            }
            int known = commonPrefix.length();
            for (int rule : index.candidates(path)) {
                // the common prefix is compared once: the byte loop of startsWith is most of a check's time
                String prefix = prefixes[rule];
                if (path.regionMatches(known, prefix, known, prefix.length() - known)) {
                    return true;
                }
            }
            return false;
        }
        for (String prefix : prefixes) {
            if (joinedStartsWith(workingDirectory, path, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code dir + "/" + relative} starts with {@code prefix}, without building it. */
    static boolean joinedStartsWith(String dir, String relative, String prefix) {
        int dirLength = dir.length() == 1 ? 0 : dir.length();
        if (prefix.length() <= dirLength) {
            return dir.startsWith(prefix);
        }
        return prefix.regionMatches(0, dir, 0, dirLength)
                && prefix.charAt(dirLength) == '/'
                && relative.regionMatches(0, prefix, dirLength + 1, prefix.length() - dirLength - 1);
    }

    public int size() {
        return rules.length;
    }

    /**
     * The indexes, in policy order, of the rules a normalized absolute path can fall under: the
     * others' literal prefixes cannot match it. Allocates nothing (the arrays are built once).
     */
    public int[] candidates(String absolutePath) {
        return absolutePath.startsWith(commonPrefix) ? index.candidates(absolutePath) : RuleIndex.NONE;
    }

    public PathRule rule(int index) {
        return rules[index];
    }

    /**
     * {@link PathRule#match} of rule {@code index} on a path it is a {@link #candidates candidate}
     * for: the common prefix, already compared there, is not compared again.
     */
    public long matchCandidate(int index, String absolutePath) {
        return rules[index].match(absolutePath, commonPrefix.length());
    }
}
