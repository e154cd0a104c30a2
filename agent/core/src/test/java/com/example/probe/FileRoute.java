package com.example.probe;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Every public file route a service may use, each as the small real call an application makes.
 * {@code a} is the file or directory acted on; {@code b} the second path of two-path routes.
 */
public enum FileRoute {
    FILE_INPUT_STREAM(Effect.NONE, (a, b) -> new FileInputStream(a.toString()).close()),
    FILE_READER(Effect.NONE, (a, b) -> new FileReader(a.toFile()).close()),
    RANDOM_ACCESS_READ(Effect.NONE, (a, b) -> new RandomAccessFile(a.toFile(), "r").close()),
    FILES_READ_ALL_BYTES(Effect.NONE, (a, b) -> Files.readAllBytes(a)),
    FILES_READ_STRING(Effect.NONE, (a, b) -> Files.readString(a)),
    FILES_LINES(Effect.NONE, (a, b) -> {
        try (Stream<String> lines = Files.lines(a)) {
            lines.count();
        }
    }),
    FILES_NEW_INPUT_STREAM(Effect.NONE, (a, b) -> Files.newInputStream(a).close()),
    FILES_NEW_BUFFERED_READER(Effect.NONE, (a, b) -> Files.newBufferedReader(a).close()),
    FILES_NEW_BYTE_CHANNEL_READ(Effect.NONE, (a, b) -> Files.newByteChannel(a).close()),
    FILE_CHANNEL_OPEN_READ(Effect.NONE, (a, b) -> FileChannel.open(a).close()),
    ASYNC_FILE_CHANNEL_OPEN_READ(Effect.NONE, (a, b) -> AsynchronousFileChannel.open(a).close()),

    FILE_OUTPUT_STREAM(Effect.WRITTEN, (a, b) -> {
        try (FileOutputStream out = new FileOutputStream(a.toString())) {
            out.write(Effect.TEXT_BYTES);
        }
    }),
    FILE_WRITER(Effect.WRITTEN, (a, b) -> {
        try (FileWriter out = new FileWriter(a.toFile())) {
            out.write(Effect.TEXT);
        }
    }),
    RANDOM_ACCESS_WRITE(Effect.WRITTEN, (a, b) -> {
        try (RandomAccessFile file = new RandomAccessFile(a.toFile(), "rw")) {
            file.setLength(0);
            file.write(Effect.TEXT_BYTES);
        }
    }),
    FILES_WRITE(Effect.WRITTEN, (a, b) -> Files.write(a, Effect.TEXT_BYTES)),
    FILES_WRITE_STRING(Effect.WRITTEN, (a, b) -> Files.writeString(a, Effect.TEXT)),
    FILES_NEW_OUTPUT_STREAM(Effect.WRITTEN, (a, b) -> {
        try (var out = Files.newOutputStream(a)) {
            out.write(Effect.TEXT_BYTES);
        }
    }),
    FILES_NEW_BUFFERED_WRITER(Effect.WRITTEN, (a, b) -> {
        try (var out = Files.newBufferedWriter(a)) {
            out.write(Effect.TEXT);
        }
    }),
    FILES_NEW_BYTE_CHANNEL_WRITE(Effect.WRITTEN, (a, b) -> {
        try (SeekableByteChannel channel = Files.newByteChannel(a, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(Effect.TEXT_BYTES));
        }
    }),
    FILE_CHANNEL_OPEN_WRITE(Effect.WRITTEN, (a, b) -> {
        try (FileChannel channel = FileChannel.open(a, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(Effect.TEXT_BYTES));
        }
    }),
    ASYNC_FILE_CHANNEL_OPEN_WRITE(Effect.WRITTEN, (a, b) -> {
        try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(a, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(Effect.TEXT_BYTES), 0).get();
        }
    }),

    FILES_CREATE_FILE(Effect.CREATED, (a, b) -> Files.createFile(a)),
    FILES_CREATE_DIRECTORY(Effect.CREATED, (a, b) -> Files.createDirectory(a)),
    FILES_CREATE_DIRECTORIES(Effect.CREATED, (a, b) -> Files.createDirectories(a)),
    FILE_MKDIR(Effect.CREATED, (a, b) -> check(a.toFile().mkdir())),
    FILE_MKDIRS(Effect.CREATED, (a, b) -> check(a.toFile().mkdirs())),
    FILE_CREATE_NEW_FILE(Effect.CREATED, (a, b) -> check(a.toFile().createNewFile())),

    FILES_DELETE(Effect.DELETED, (a, b) -> Files.delete(a)),
    FILES_DELETE_IF_EXISTS(Effect.DELETED, (a, b) -> Files.deleteIfExists(a)),
    FILE_DELETE(Effect.DELETED, (a, b) -> check(a.toFile().delete())),

    FILES_LIST(Effect.NONE, (a, b) -> {
        try (Stream<Path> entries = Files.list(a)) {
            entries.count();
        }
    }),
    FILES_WALK(Effect.NONE, (a, b) -> {
        try (Stream<Path> entries = Files.walk(a)) {
            entries.count();
        }
    }),
    FILES_NEW_DIRECTORY_STREAM(Effect.NONE, (a, b) -> {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(a)) {
            entries.iterator().hasNext();
        }
    }),
    FILE_LIST(Effect.NONE, (a, b) -> check(a.toFile().list() != null)),
    FILE_LIST_FILES(Effect.NONE, (a, b) -> check(a.toFile().listFiles() != null)),

    FILES_COPY(Effect.COPIED, (a, b) -> Files.copy(a, b)),
    FILES_MOVE(Effect.MOVED, (a, b) -> Files.move(a, b)),
    FILE_RENAME_TO(Effect.MOVED, (a, b) -> check(a.toFile().renameTo(b.toFile()))),
    FILES_CREATE_SYMBOLIC_LINK(Effect.LINKED, (a, b) -> Files.createSymbolicLink(b, a)),
    FILES_CREATE_LINK(Effect.LINKED, (a, b) -> Files.createLink(b, a)),

    FILE_CREATE_TEMP_FILE(Effect.TEMP_CREATED, (a, b) -> java.io.File.createTempFile("probe", ".tmp", a.toFile())),
    FILES_CREATE_TEMP_FILE(Effect.TEMP_CREATED, (a, b) -> Files.createTempFile(a, "probe", ".tmp")),
    FILES_CREATE_TEMP_DIRECTORY(Effect.TEMP_CREATED, (a, b) -> Files.createTempDirectory(a, "probe")),

    FILES_SET_POSIX_PERMISSIONS(Effect.CHANGED, (a, b) -> Files.setPosixFilePermissions(a, Effect.CHANGED_PERMISSIONS)),
    FILES_SET_ATTRIBUTE(Effect.CHANGED, (a, b) -> Files.setAttribute(a, "posix:permissions", Effect.CHANGED_PERMISSIONS)),
    FILES_SET_LAST_MODIFIED_TIME(Effect.CHANGED,
            (a, b) -> Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(Effect.CHANGED_TIME))),
    /** chown to the user the file already has (the test's): the call is made and checked, with nothing to change. */
    FILES_SET_OWNER(Effect.NONE, (a, b) -> Files.setOwner(a,
            a.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name")))),
    FILE_SET_WRITABLE(Effect.CHANGED, (a, b) -> check(a.toFile().setWritable(false))),
    FILE_SET_READABLE(Effect.CHANGED, (a, b) -> check(a.toFile().setReadable(false))),
    FILE_SET_EXECUTABLE(Effect.CHANGED, (a, b) -> check(a.toFile().setExecutable(true))),
    FILE_SET_READ_ONLY(Effect.CHANGED, (a, b) -> check(a.toFile().setReadOnly())),
    FILE_SET_LAST_MODIFIED(Effect.CHANGED, (a, b) -> check(a.toFile().setLastModified(Effect.CHANGED_TIME))),

    FILE_EXISTS(Effect.NONE, (a, b) -> check(a.toFile().exists())),
    FILE_LENGTH(Effect.NONE, (a, b) -> check(a.toFile().length() > 0)),
    FILES_EXISTS(Effect.NONE, (a, b) -> check(Files.exists(a))),
    FILES_SIZE(Effect.NONE, (a, b) -> check(Files.size(a) > 0)),
    FILES_READ_ATTRIBUTES(Effect.NONE,
            (a, b) -> Files.readAttributes(a, java.nio.file.attribute.PosixFileAttributes.class)),
    FILES_GET_LAST_MODIFIED_TIME(Effect.NONE, (a, b) -> Files.getLastModifiedTime(a)),
    FILES_READ_SYMBOLIC_LINK(Effect.NONE, (a, b) -> {
        try {
            Files.readSymbolicLink(a);
        } catch (java.nio.file.NotLinkException plainFile) {
            // the shared fixtures are plain files: the call was made, and checked, all the same
        }
    }),

    /**
     * Another tenant's file open in this process (opened in a privileged scope, as that tenant's
     * own work would), then read through {@code /proc/self/fd/<n>}.
     */
    PROC_SELF_FD_READ(Effect.NONE, (a, b) -> {
        try (FileInputStream held = OpenElsewhere.open(a)) {
            Files.readString(Path.of("/proc/self/fd/" + OpenElsewhere.descriptorOf(a)));
        }
    });

    /** What a successful call leaves on disk: what a blocked call must not have left. */
    public enum Effect {
        /** Reads and lists: nothing changes. */
        NONE,
        /** {@code a} (existing) now holds {@link #TEXT}. */
        WRITTEN,
        /** {@code a} (absent) now exists. */
        CREATED,
        /** {@code a} (existing) is gone. */
        DELETED,
        /** {@code b} (absent) now is a copy of {@code a}. */
        COPIED,
        /** {@code a} is gone and {@code b} exists. */
        MOVED,
        /** {@code b} (absent) now is a link to {@code a}. */
        LINKED,
        /** {@code a} (an empty folder) now holds a temporary file or folder. */
        TEMP_CREATED,
        /** {@code a} (existing, rw-r--r--) has other permissions or {@link #CHANGED_TIME} as its time. */
        CHANGED;

        public static final java.util.Set<java.nio.file.attribute.PosixFilePermission> CHANGED_PERMISSIONS =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        public static final long CHANGED_TIME = 1_000_000L;

        public static final String TEXT = "written by the probe";
        static final byte[] TEXT_BYTES = TEXT.getBytes(StandardCharsets.UTF_8);
    }

    private final Effect effect;
    private final Call call;

    FileRoute(Effect effect, Call call) {
        this.effect = effect;
        this.call = call;
    }

    public Effect effect() {
        return effect;
    }

    public void run(Path a, Path b) throws Exception {
        call.run(a, b);
    }

    /** Routes that answer with a boolean must succeed, so a silent failure is not taken for success. */
    private static void check(boolean ok) throws java.io.IOException {
        if (!ok) {
            throw new java.io.IOException("the call returned false");
        }
    }

    @FunctionalInterface
    interface Call {
        void run(Path a, Path b) throws Exception;
    }

}
