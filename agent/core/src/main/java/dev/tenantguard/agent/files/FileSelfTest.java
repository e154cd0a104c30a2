package dev.tenantguard.agent.files;

import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.FileGuard;
import dev.tenantguard.internal.FileHooks;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.ThreadState;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves after install that every file route is intercepted, with the right operation: each probe
 * makes one real call on a path under a probe directory, and a probe guard blocks it in the hook —
 * so no probe ever touches the file system. A route the JDK does not send through an
 * instrumented method shows up here, at start, instead of as a silent gap.
 */
final class FileSelfTest {
    /** The routes probed, in order; {@link #OPS} holds the operation each must be seen as. */
    private static final String[] ROUTES = {
            "FileInputStream", "FileOutputStream", "RandomAccessFile", "File.delete", "File.renameTo", "File.mkdirs",
            "File.listFiles", "Files.readAllBytes", "Files.newBufferedWriter", "FileChannel.open",
            "AsynchronousFileChannel.open", "Files.delete", "Files.createDirectories", "Files.createDirectory",
            "Files.list", "Files.copy", "Files.move", "Files.createLink", "Files.createSymbolicLink",
            "File.createTempFile", "Files.createTempFile", "File.setWritable", "File.setLastModified",
            "Files.setPosixFilePermissions", "Files.setLastModifiedTime", "Files.setAttribute unix:uid",
            "File.exists", "File.length", "Files.exists", "Files.isDirectory", "Files.size", "Files.readAttributes",
            "Files.getAttribute", "Files.readSymbolicLink"
    };
    private static final int[] OPS = {
            FileOp.READ, FileOp.WRITE, FileOp.WRITE, FileOp.DELETE, FileOp.DELETE, FileOp.WRITE, FileOp.LIST,
            FileOp.READ, FileOp.WRITE, FileOp.WRITE, FileOp.READ, FileOp.DELETE, FileOp.WRITE, FileOp.WRITE,
            FileOp.LIST, FileOp.READ, FileOp.DELETE, FileOp.WRITE, FileOp.WRITE, FileOp.WRITE, FileOp.WRITE,
            FileOp.METADATA_WRITE, FileOp.METADATA_WRITE, FileOp.METADATA_WRITE, FileOp.METADATA_WRITE,
            FileOp.METADATA_WRITE, FileOp.METADATA, FileOp.METADATA, FileOp.METADATA, FileOp.METADATA,
            FileOp.METADATA, FileOp.METADATA, FileOp.METADATA, FileOp.METADATA
    };

    private FileSelfTest() {
    }

    /** Runs the probes with {@code FileHooks} temporarily pointing at a probe guard; returns failures. */
    static List<String> run(AgentKey key) {
        String root = "/tenant-guard-self-test-" + Long.toHexString(System.nanoTime());
        ProbeGuard guard = new ProbeGuard(root);
        Path file = Path.of(root, "probe.txt");
        Path other = Path.of(root, "other.txt");
        List<String> failures = new ArrayList<>();
        FileHooks.probe(key, guard);
        try {
            for (int route = 0; route < ROUTES.length; route++) {
                probe(failures, guard, route, file, other, root);
            }
        } finally {
            FileHooks.probe(key, null);
        }
        return failures;
    }

    private static void probe(List<String> failures, ProbeGuard guard, int route, Path file, Path other, String root) {
        guard.seen = -1;
        try {
            call(route, file, other, root);
            failures.add(ROUTES[route] + " was not intercepted");
        } catch (ProbeSignal expected) {
            if (FileOp.kind(guard.seen) != OPS[route]) {
                failures.add(ROUTES[route] + " was seen as " + FileOp.name(guard.seen) + ", expected "
                        + FileOp.name(OPS[route]));
            }
        } catch (Exception | LinkageError e) {
            failures.add(ROUTES[route] + " was not intercepted (it failed with " + e + ")");
        }
    }

    /**
     * One route's real call. A switch rather than a lambda per route: each lambda is a class the
     * JVM spins at start, and this runs before the application's {@code main}.
     */
    private static void call(int route, Path file, Path other, String root) throws Exception {
        switch (route) {
            case 0 -> new FileInputStream(file.toString()).close();
            case 1 -> new FileOutputStream(file.toString()).close();
            case 2 -> new RandomAccessFile(file.toString(), "rw").close();
            case 3 -> file.toFile().delete();
            case 4 -> file.toFile().renameTo(other.toFile());
            case 5 -> file.toFile().mkdirs();
            case 6 -> new File(root).listFiles();
            case 7 -> Files.readAllBytes(file);
            case 8 -> Files.newBufferedWriter(file).close();
            case 9 -> FileChannel.open(file, StandardOpenOption.WRITE).close();
            case 10 -> AsynchronousFileChannel.open(file).close();
            case 11 -> Files.delete(file);
            case 12 -> Files.createDirectories(file);
            case 13 -> Files.createDirectory(file);
            case 14 -> Files.list(file).close();
            case 15 -> Files.copy(file, other);
            case 16 -> Files.move(file, other);
            case 17 -> Files.createLink(other, file);
            case 18 -> Files.createSymbolicLink(other, file);
            case 19 -> File.createTempFile("probe", ".tmp", new File(root));
            case 20 -> Files.createTempFile(Path.of(root), "probe", ".tmp");
            case 21 -> file.toFile().setWritable(false);
            case 22 -> file.toFile().setLastModified(0);
            case 23 -> Files.setPosixFilePermissions(file, java.util.Set.of());
            case 24 -> Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
            case 25 -> Files.setAttribute(file, "unix:uid", 0);
            case 26 -> file.toFile().exists();
            case 27 -> file.toFile().length();
            case 28 -> Files.exists(file);
            case 29 -> Files.isDirectory(file);
            case 30 -> Files.size(file);
            case 31 -> Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class);
            case 32 -> Files.getAttribute(file, "unix:mode");
            case 33 -> Files.readSymbolicLink(file);
            default -> throw new IllegalArgumentException("no probe route " + route);
        }
    }

    /** Sees only probe paths, and blocks each at the hook, before the JDK touches the disk. */
    private static final class ProbeGuard implements FileGuard {
        private final String root;
        volatile int seen = -1;

        ProbeGuard(String root) {
            this.root = root;
        }

        @Override
        public boolean coversFile(String path) {
            return path.startsWith(root);
        }

        @Override
        public boolean guardsMetadata() {
            return true;
        }

        @Override
        public void entryReplaced() {
        }

        @Override
        public void checkFile(String path, int op, ThreadState state) {
            seen = op;
            throw new ProbeSignal(path, op);
        }

        @Override
        public void checkLink(String link, String target, ThreadState state) {
            if (coversFile(link)) {
                checkFile(link, FileOp.WRITE, state);
            }
        }
    }

    private static final class ProbeSignal extends TenantBoundaryViolation {
        private static final long serialVersionUID = 1L;

        ProbeSignal(String path, int op) {
            super(ViolationKind.CROSS_TENANT, "files", FileOp.name(op), path, "self-test", null, "self-test");
        }
    }
}
