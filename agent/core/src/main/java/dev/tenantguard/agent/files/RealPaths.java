package dev.tenantguard.agent.files;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a path really leads: the file the kernel will open, with every symbolic link on the way
 * followed — including the magic links of {@code /proc} ({@code /proc/self/root},
 * {@code /proc/<pid>/root}, {@code /proc/self/cwd}, {@code /proc/self/fd/<n>}) and a {@code ..}
 * that follows a link (it leaves the link's target, not the link).
 *
 * <p>What is resolved: the real path ({@code realpath(3)}, via {@link Path#toRealPath}) of the
 * file when it exists, else of its nearest existing ancestor with the missing segments appended —
 * and a dangling link met on the way is followed to where it points, since creating through it
 * creates its target. With {@code nameOnly} the last segment is not followed (delete, rename,
 * the location of a new link act on the entry itself).
 *
 * <p>What is cached: only the answer "no link on the way" (the real path is the lexical one),
 * with whose rule covers the path as spelled (the checker's, kept so that it need not match the
 * rules again), keyed by the path as the application spelled it, for under {@link #TTL_TICKS} ticks of the
 * agent's coarse clock ({@link Ticks}: about a second) and until the agent
 * sees the process put an entry in place by name — rename, move, copy, link — before and after
 * the call ({@link #invalidate}). A path that
 * passes through a link — every {@code /proc/self/fd/<n>} does — is resolved on every call, so a
 * descriptor number reused for another file is never answered from the cache. A cache hit hashes
 * and compares the path in place and allocates nothing.
 */
final class RealPaths {
    /**
     * How long "no link on the way" is trusted for a change the agent did not see (another process):
     * an answer stays while the clock has moved on by fewer ticks than this, so for less than
     * {@code TTL_TICKS * Ticks.TICK_MILLIS} (one second), give or take a late tick.
     */
    static final int TTL_TICKS = 2;
    private static final int SIZE = 4096;
    private static final int MAX_LINKS = 40; // the kernel's own limit (MAXSYMLINKS)

    private final Path workingDirectory;
    private final Entry[] entries = new Entry[SIZE];
    private volatile int generation;

    RealPaths(String workingDirectory) {
        this.workingDirectory = Path.of(workingDirectory);
    }

    /** One cached answer: {@code path} led to itself (normalized) when checked. */
    static final class Entry {
        final String path;
        final int checkedAt;
        final int generation;
        /** The path as spelled is under no file rule: with no link on the way, nothing there is a tenant's. */
        final boolean underNoRule;
        /**
         * The tenant whose rule covers the path as spelled (the segment the rule captures), or
         * {@code null} under no rule: with no link on the way, the file is that tenant's.
         */
        final String owner;

        Entry(String path, int checkedAt, int generation, String owner) {
            this.path = path;
            this.checkedAt = checkedAt;
            this.generation = generation;
            this.underNoRule = owner == null;
            this.owner = owner;
        }

        /**
         * Whether a call by {@code tenant} (or none) on the path is allowed on this answer alone: the
         * path leads to a file no rule covers, or to one of the caller's own tenant. Allocates nothing.
         */
        boolean allows(String tenant) {
            return underNoRule || owner.equals(tenant);
        }
    }

    /**
     * Whether {@code path} (as the application spelled it) was recently found to pass through no
     * link. Allocates nothing.
     */
    boolean knownDirect(String path) {
        return valid(entries[path.hashCode() & (SIZE - 1)], path);
    }

    /**
     * The cached answer for {@code path} (as the application spelled it) while it is trusted, else
     * {@code null}. Allocates nothing.
     */
    Entry known(String path) {
        Entry e = entries[path.hashCode() & (SIZE - 1)];
        return valid(e, path) ? e : null;
    }

    /**
     * Whether {@code path} was recently found to pass through no link and, as spelled, to be under
     * no file rule: it leads to a file no rule covers, and the call needs no check. Allocates nothing.
     */
    boolean knownDirectUnderNoRule(String path) {
        Entry e = entries[path.hashCode() & (SIZE - 1)];
        // an entry of a path under a rule is not compared: the check that follows probes it again
        return e != null && e.underNoRule && valid(e, path);
    }

    private boolean valid(Entry e, String path) {
        return e != null && e.generation == generation && Ticks.now() - e.checkedAt < TTL_TICKS && e.path.equals(path);
    }

    /** The current generation: read it before resolving, hand it to {@link #rememberDirect}. */
    int generation() {
        return generation;
    }

    /**
     * Remembers that {@code path} passes through no link, as found under {@code resolvedIn}: a
     * link made while it was being resolved has moved the generation on, so the entry is born stale.
     *
     * @param owner the tenant whose rule covers the path as spelled, or {@code null} under no rule
     */
    void rememberDirect(String path, int resolvedIn, String owner) {
        entries[path.hashCode() & (SIZE - 1)] = new Entry(path, Ticks.now(), resolvedIn, owner);
    }

    /** Forgets every cached answer: the process renamed, deleted or linked something. */
    void invalidate() {
        generation++;
    }

    /**
     * The real absolute path {@code path} leads to (not normalized: the caller normalizes it).
     *
     * @throws IOException when it cannot be resolved (a loop of links, a folder that cannot be
     *                     searched, a segment that is not a folder …)
     */
    String resolve(String path, boolean nameOnly) throws IOException {
        Path p = workingDirectory.resolve(path);
        Deque<Path> missing = new ArrayDeque<>();
        if (nameOnly && p.getFileName() != null && !isDotSegment(p.getFileName())) {
            missing.push(p.getFileName());
            p = p.getParent();
        }
        int links = 0;
        while (true) {
            try {
                Path real = p.toRealPath();
                for (Path name : missing) {
                    real = real.resolve(name);
                }
                return real.toString();
            } catch (NoSuchFileException e) {
                if (Files.isSymbolicLink(p)) {
                    if (++links > MAX_LINKS) {
                        throw new FileSystemLoopException(path);
                    }
                    Path parent = p.getParent();
                    Path target = Files.readSymbolicLink(p);
                    p = parent == null ? target : parent.resolve(target);
                    continue;
                }
                Path parent = p.getParent();
                if (parent == null || p.getFileName() == null) {
                    throw e;
                }
                missing.push(p.getFileName());
                p = parent;
            }
        }
    }

    private static boolean isDotSegment(Path name) {
        String s = name.toString();
        return s.equals(".") || s.equals("..");
    }
}
