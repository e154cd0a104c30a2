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
            probe(failures, guard, "FileInputStream", FileOp.READ, () -> new FileInputStream(file.toString()).close());
            probe(failures, guard, "FileOutputStream", FileOp.WRITE, () -> new FileOutputStream(file.toString()).close());
            probe(failures, guard, "RandomAccessFile", FileOp.WRITE, () -> new RandomAccessFile(file.toString(), "rw").close());
            probe(failures, guard, "File.delete", FileOp.DELETE, () -> file.toFile().delete());
            probe(failures, guard, "File.renameTo", FileOp.DELETE, () -> file.toFile().renameTo(other.toFile()));
            probe(failures, guard, "File.mkdirs", FileOp.WRITE, () -> file.toFile().mkdirs());
            probe(failures, guard, "File.listFiles", FileOp.LIST, () -> new File(root).listFiles());
            probe(failures, guard, "Files.readAllBytes", FileOp.READ, () -> Files.readAllBytes(file));
            probe(failures, guard, "Files.newBufferedWriter", FileOp.WRITE, () -> Files.newBufferedWriter(file).close());
            probe(failures, guard, "FileChannel.open", FileOp.WRITE,
                    () -> FileChannel.open(file, StandardOpenOption.WRITE).close());
            probe(failures, guard, "AsynchronousFileChannel.open", FileOp.READ,
                    () -> AsynchronousFileChannel.open(file).close());
            probe(failures, guard, "Files.delete", FileOp.DELETE, () -> Files.delete(file));
            probe(failures, guard, "Files.createDirectories", FileOp.WRITE, () -> Files.createDirectories(file));
            probe(failures, guard, "Files.createDirectory", FileOp.WRITE, () -> Files.createDirectory(file));
            probe(failures, guard, "Files.list", FileOp.LIST, () -> Files.list(file).close());
            probe(failures, guard, "Files.copy", FileOp.READ, () -> Files.copy(file, other));
            probe(failures, guard, "Files.move", FileOp.DELETE, () -> Files.move(file, other));
            probe(failures, guard, "Files.createLink", FileOp.WRITE, () -> Files.createLink(other, file));
            probe(failures, guard, "Files.createSymbolicLink", FileOp.WRITE, () -> Files.createSymbolicLink(other, file));
            probe(failures, guard, "File.createTempFile", FileOp.WRITE, () -> File.createTempFile("probe", ".tmp", new File(root)));
            probe(failures, guard, "Files.createTempFile", FileOp.WRITE, () -> Files.createTempFile(Path.of(root), "probe", ".tmp"));
            probe(failures, guard, "File.setWritable", FileOp.METADATA_WRITE, () -> file.toFile().setWritable(false));
            probe(failures, guard, "File.setLastModified", FileOp.METADATA_WRITE, () -> file.toFile().setLastModified(0));
            probe(failures, guard, "Files.setPosixFilePermissions", FileOp.METADATA_WRITE,
                    () -> Files.setPosixFilePermissions(file, java.util.Set.of()));
            probe(failures, guard, "Files.setLastModifiedTime", FileOp.METADATA_WRITE,
                    () -> Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0)));
            probe(failures, guard, "Files.setAttribute unix:uid", FileOp.METADATA_WRITE,
                    () -> Files.setAttribute(file, "unix:uid", 0));
            probe(failures, guard, "File.exists", FileOp.METADATA, () -> file.toFile().exists());
            probe(failures, guard, "File.length", FileOp.METADATA, () -> file.toFile().length());
            probe(failures, guard, "Files.exists", FileOp.METADATA, () -> Files.exists(file));
            probe(failures, guard, "Files.isDirectory", FileOp.METADATA, () -> Files.isDirectory(file));
            probe(failures, guard, "Files.size", FileOp.METADATA, () -> Files.size(file));
            probe(failures, guard, "Files.readAttributes", FileOp.METADATA,
                    () -> Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class));
            probe(failures, guard, "Files.getAttribute", FileOp.METADATA, () -> Files.getAttribute(file, "unix:mode"));
            probe(failures, guard, "Files.readSymbolicLink", FileOp.METADATA, () -> Files.readSymbolicLink(file));
        } finally {
            FileHooks.probe(key, null);
        }
        return failures;
    }

    private static void probe(List<String> failures, ProbeGuard guard, String route, int expectedOp, Probe call) {
        guard.seen = -1;
        try {
            call.run();
            failures.add(route + " was not intercepted");
        } catch (ProbeSignal expected) {
            if (FileOp.kind(guard.seen) != expectedOp) {
                failures.add(route + " was seen as " + FileOp.name(guard.seen) + ", expected " + FileOp.name(expectedOp));
            }
        } catch (Exception | LinkageError e) {
            failures.add(route + " was not intercepted (it failed with " + e + ")");
        }
    }

    private interface Probe {
        void run() throws Exception;
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
