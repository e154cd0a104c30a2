package dev.tenantguard.internal;

import dev.tenantguard.api.TenantBoundaryViolation;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Static entry points of the files family, called by the code woven into the JDK's file classes.
 *
 * <p>The allow path of each hook: one field read, the guard's allocation-free path pre-filter, and
 * — only when a path can reach a file under a rule — one thread-local read. The agent's own work on a
 * thread ({@link ThreadState#busy}) is never checked. A failure inside the agent is printed once
 * and lets the call through: the agent must never break the application by accident; it only
 * throws {@link TenantBoundaryViolation}, on purpose.
 */
public final class FileHooks {
    private static volatile FileGuard guard;
    private static boolean installed;
    
    private FileHooks() {
    }

    /**
     * Installs the agent's file checker: once, by the agent (its {@link AgentKey}); every later call
     * is refused, so nothing in the application can replace or remove it.
     */
    public static synchronized void install(AgentKey key, FileGuard g) {
        AgentKey.check(key);
        if (installed || g == null) {
            throw new SecurityException("tenant-guard: the file guard is installed once, by the agent; refused");
        }
        installed = true;
        guard = g;
    }

    /** The agent's self-test: a probe guard (or {@code null}) before {@link #install}; refused after it. */
    public static synchronized void probe(AgentKey key, FileGuard g) {
        AgentKey.check(key);
        if (installed) {
            throw new SecurityException("tenant-guard: the file guard is installed; refused");
        }
        guard = g;
    }

    /** A single-path file call that never nests another guarded call (java.io streams). */
    public static void file(String path, int op) {
        FileGuard g = guard;
        if (g != null && path != null && covers(g, path)) {
            fileCovered(g, path, op);
        }
    }

    /** Kept out of {@link #file} so the inlined fast path stays a few bytecodes long. */
    private static void fileCovered(FileGuard g, String path, int op) {
        ThreadState s = ThreadState.current();
        if (s.busy || s.fileDepth > 0) {
            return;
        }
        check(g, s, path, op);
    }

    /** {@code File.delete()}, {@code File.list*()}: the path of the {@code File}. */
    public static void file(java.io.File file, int op) {
        // File.delete() passes DELETE | NAME_ONLY: unlink(2) removes a link, not what it names
        file(file.getPath(), op);
    }

    /** {@code File.mkdir()}, {@code mkdirs()}, {@code createNewFile()}. */
    public static ThreadState enter(java.io.File file, int op) {
        return enter(file.getPath(), op);
    }

    /** {@code File.renameTo(target)}. */
    public static ThreadState enter(java.io.File from, int fromOp, java.io.File to, int toOp) {
        return enter(from.getPath(), fromOp, to == null ? null : to.getPath(), toOp);
    }

    /**
     * {@code File.createTempFile(prefix, suffix, dir)}: a WRITE of a new file in {@code dir} (the
     * temporary folder when {@code null}) named as the JDK will name it, with {@code 0} for its
     * random part. Builds that name: creating a temporary file is no allow path of a read.
     */
    public static void tempFile(String prefix, String suffix, java.io.File dir) {
        FileGuard g = guard;
        if (g != null && prefix != null) {
            String folder = dir != null ? dir.getPath() : System.getProperty("java.io.tmpdir");
            file(folder + "/" + prefix + "0" + (suffix == null ? ".tmp" : suffix), FileOp.WRITE);
        }
    }

    /** {@code File.exists()}, {@code length()}, {@code isDirectory()} …: a metadata read, when guarded. */
    public static void metadata(java.io.File file) {
        FileGuard g = guard;
        if (g != null && guardsMetadata(g)) {
            file(file.getPath(), FileOp.METADATA);
        }
    }

    /** Enter of an NIO metadata read on {@code path}, when metadata is guarded. */
    public static ThreadState metadata(Path path) {
        FileGuard g = guard;
        return g == null || path == null || !guardsMetadata(g) ? null : enter(path.toString(), FileOp.METADATA);
    }

    /**
     * Enter of an NIO attribute view's read or change of its file: a change is a WRITE always, a
     * read only when metadata is guarded; without {@code followLinks} the link itself is meant.
     */
    public static ThreadState view(Path file, boolean followLinks, int op) {
        FileGuard g = guard;
        if (g == null || file == null || (op == FileOp.METADATA && !guardsMetadata(g))) {
            return null;
        }
        return enter(file.toString(), followLinks ? op : op | FileOp.NAME_ONLY);
    }

    private static boolean guardsMetadata(FileGuard g) {
        try {
            return g.guardsMetadata();
        } catch (Throwable t) {
            AgentErrors.internalError(t);
            return true; // unknown is not allowed: the metadata call is checked
        }
    }

    /** {@code RandomAccessFile.open(name, mode)}: writable when the mode has O_RDWR. */
    public static void randomAccess(String path, int mode) {
        file(path, (mode & 2) != 0 ? FileOp.WRITE : FileOp.READ);
    }

    /**
     * Enter of a file call that may nest other guarded calls for the same operation. Returns the
     * state to hand to {@link #exit}, or {@code null} when the call is not guarded.
     */
    public static ThreadState enter(String path, int op) {
        FileGuard g = guard;
        if (g == null || path == null || !covers(g, path)) {
            return null;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return null;
        }
        if (s.fileDepth == 0) {
            check(g, s, path, op);
        }
        s.fileDepth++;
        return s;
    }

    /**
     * Enter of a call with two paths (copy, move, rename, link), both checked before it runs —
     * without the pre-filter: the entry it puts in place may change where other paths lead, which
     * the checker must learn before the call runs (and {@link #replaced} after).
     */
    public static ThreadState enter(String from, int fromOp, String to, int toOp) {
        FileGuard g = guard;
        if (g == null || from == null && to == null) {
            return null;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return null;
        }
        if (s.fileDepth == 0) {
            if (from != null) {
                check(g, s, from, fromOp);
            }
            if (to != null) {
                check(g, s, to, toOp);
            }
        }
        s.fileDepth++;
        return s;
    }

    /** Enter of an NIO provider call on a path. */
    public static ThreadState enter(Path path, int op) {
        return path == null ? null : enter(path.toString(), op);
    }

    /** Enter of an NIO open: the options decide between READ and WRITE. */
    public static ThreadState open(Path path, Set<? extends OpenOption> options) {
        return path == null ? null : enter(path.toString(), writes(options) ? FileOp.WRITE : FileOp.READ);
    }

    /** Enter of an NIO call with two paths. */
    public static ThreadState enter(Path from, int fromOp, Path to, int toOp) {
        return enter(from == null ? null : from.toString(), fromOp, to == null ? null : to.toString(), toOp);
    }

    /** Enter of {@code createLink(link, existing)}: a new name for an existing entry (not followed). */
    public static ThreadState hardLink(Path link, Path existing) {
        return enter(link, FileOp.WRITE | FileOp.NAME_ONLY, existing, FileOp.READ | FileOp.NAME_ONLY);
    }

    /**
     * Enter of {@code createSymbolicLink(link, target)}: a relative target is resolved against
     * the link's folder, where the kernel will resolve it. Link creation is rare: this entry may
     * allocate.
     */
    public static ThreadState symbolicLink(Path link, Path target) {
        FileGuard g = guard;
        if (g == null || link == null || target == null) {
            return null;
        }
        ThreadState s = ThreadState.current();
        if (s.busy) {
            return null;
        }
        if (s.fileDepth == 0) {
            Path resolved = target.isAbsolute() ? target : link.resolveSibling(target);
            s.busy = true;
            try {
                g.checkLink(link.toString(), resolved.toString(), s);
            } catch (TenantBoundaryViolation v) {
                throw v;
            } catch (Throwable t) {
                AgentErrors.internalError("files", "FileHooks.checkLink", t);
            } finally {
                s.busy = false;
            }
        }
        s.fileDepth++;
        return s;
    }

    /** Exit of a call whose enter returned {@code state}; runs also when the call threw. */
    public static void exit(ThreadState state) {
        if (state != null && state.fileDepth > 0) {
            state.fileDepth--;
        }
    }

    /**
     * Exit of a rename, copy, move or link (returned or threw): what it put in place may change
     * where paths lead, so the checker forgets what it knew — also after the call, since a path
     * resolved while it ran may have been remembered under the old entry.
     */
    public static void replaced(ThreadState state) {
        exit(state);
        FileGuard g = guard;
        if (g != null) {
            try {
                g.entryReplaced();
            } catch (Throwable t) {
                AgentErrors.internalError(t);
            }
        }
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        return options != null
                && (options.contains(StandardOpenOption.WRITE)
                        || options.contains(StandardOpenOption.APPEND)
                        || options.contains(StandardOpenOption.CREATE)
                        || options.contains(StandardOpenOption.CREATE_NEW)
                        || options.contains(StandardOpenOption.TRUNCATE_EXISTING)
                        || options.contains(StandardOpenOption.DELETE_ON_CLOSE));
    }

    private static boolean covers(FileGuard g, String path) {
        try {
            return g.coversFile(path);
        } catch (Throwable t) {
            if (!ThreadState.current().busy) { // the agent's own I/O is never refused
                AgentErrors.internalError("files", "FileHooks.covers", t);
            }
            return false;
        }
    }

    private static void check(FileGuard g, ThreadState s, String path, int op) {
        s.busy = true;
        try {
            g.checkFile(path, op, s);
        } catch (TenantBoundaryViolation v) {
            throw v;
        } catch (Throwable t) {
            AgentErrors.internalError("files", "FileHooks.check", t);
        } finally {
            s.busy = false;
        }
    }
}
