package dev.tenantguard.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Puts the tenant context API and the hook entry points on the bootstrap class path, so advice
 * inlined into JDK classes can call them and the application's {@code TenantContext} is the very
 * class the advice reads. The build puts these classes in a jar of their own inside the agent jar
 * ({@value #RESOURCE}); its bytes are written to a new temporary file, which the bootstrap loader
 * then reads.
 */
final class BootstrapJar {
    /** Where the build puts the jar of API and bootstrap classes (agent/core/pom.xml). */
    static final String RESOURCE = "dev/tenantguard/agent/tenant-guard-bootstrap.jar";
    /** Names already taken in the temporary directory before giving up. */
    private static final int ATTEMPTS = 100;
    /** Once per JVM: an attach that failed after appending may be retried with a corrected policy. */
    private static boolean appended;

    private BootstrapJar() {
    }

    static synchronized void appendTo(Instrumentation instrumentation) throws IOException, URISyntaxException {
        if (appended) {
            return;
        }
        File agentJar = new File(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path bootstrapJar = writeNewFile(Path.of(System.getProperty("java.io.tmpdir")), read(agentJar));
        try (JarFile jar = new JarFile(bootstrapJar.toFile())) {
            instrumentation.appendToBootstrapClassLoaderSearch(jar);
        }
        appended = true;
    }

    /**
     * From the agent jar itself, not through a class loader: an application that carries another
     * copy of the agent on its class path must not hand this one its classes.
     */
    private static byte[] read(File agentJar) throws IOException {
        try (ZipFile jar = new ZipFile(agentJar)) {
            ZipEntry entry = jar.getEntry(RESOURCE);
            if (entry == null) {
                throw new IOException(agentJar + " has no " + RESOURCE + " (an agent jar not made by the project build)");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    /**
     * Writes {@code bytes} to a new file in {@code directory}, readable by this user only. The name
     * need not be unguessable (see {@link #writeIfNew}), so no SecureRandom is set up: with the
     * security providers, that was most of the cost of {@code Files.createTempFile} at start.
     */
    static Path writeNewFile(Path directory, byte[] bytes) throws IOException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path file = directory.resolve("tenant-guard-bootstrap-" + System.nanoTime() + ".jar");
            if (writeIfNew(file, bytes)) {
                return file;
            }
        }
        throw new IOException("no new file could be created in " + directory + ": " + ATTEMPTS
                + " names were found taken");
    }

    /**
     * Creates {@code file} and writes {@code bytes} to it, or returns {@code false} if anything is
     * there already. CREATE_NEW (O_EXCL) refuses any existing entry, a file or a link another user
     * may have planted, so the file written is always one this call made; it is opened once, so
     * it cannot be swapped between creating and writing.
     */
    static boolean writeIfNew(Path file, byte[] bytes) throws IOException {
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly());
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        file.toFile().deleteOnExit();
        try (channel) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        return true;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];  // Windows: the temporary directory is the user's own
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
    }
}
