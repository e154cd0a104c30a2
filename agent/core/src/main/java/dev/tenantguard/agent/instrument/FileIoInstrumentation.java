package dev.tenantguard.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tenantguard.bootstrap.FileOp;
import dev.tenantguard.bootstrap.Hooks;
import dev.tenantguard.bootstrap.ThreadState;
import java.io.File;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * File I/O, each public route caught once at its JDK choke point, before the effect:
 * <ul>
 * <li>{@code FileInputStream.open} (FileInputStream, FileReader) — READ;
 *     {@code FileOutputStream.open} (FileOutputStream, FileWriter) — WRITE;
 *     {@code RandomAccessFile.open} — READ or WRITE by mode</li>
 * <li>{@code File.delete} — DELETE; {@code File.renameTo} — DELETE source, WRITE target;
 *     {@code File.mkdir}, {@code mkdirs}, {@code createNewFile} — WRITE;
 *     {@code File.normalizedList} (list, listFiles) — LIST</li>
 * <li>{@code UnixFileSystemProvider.newByteChannel}, {@code newFileChannel},
 *     {@code newAsynchronousFileChannel} (Files.read*, write*, new*Stream, new*Reader/Writer, lines,
 *     createFile, FileChannel.open, AsynchronousFileChannel.open) — READ or WRITE by options;
 *     {@code implDelete} (delete, deleteIfExists) — DELETE; {@code createDirectory} and
 *     {@code Files.createDirectories} — WRITE; {@code newDirectoryStream} (list, walk,
 *     newDirectoryStream) — LIST; {@code copy} — READ source, WRITE target; {@code move} — DELETE
 *     source, WRITE target; {@code createLink}, {@code createSymbolicLink} — WRITE link, READ
 *     target</li>
 * </ul>
 * Calls that may nest another guarded call for the same operation (on Java 25
 * {@code newByteChannel} calls {@code newFileChannel}; {@code mkdirs} calls {@code mkdir}) use
 * enter/exit advice with a per-thread depth, so only the outermost is checked.
 */
final class FileIoInstrumentation {
    static final String UNIX_PROVIDER = "sun.nio.fs.UnixFileSystemProvider";

    private FileIoInstrumentation() {
    }

    static AgentBuilder install(AgentBuilder builder) {
        return builder
                .type(named("java.io.FileInputStream"))
                .transform(Transformers.advice(InputStreamOpen.class, named("open").and(takesArguments(String.class))))
                .type(named("java.io.FileOutputStream"))
                .transform(Transformers.advice(OutputStreamOpen.class,
                        named("open").and(takesArguments(String.class, boolean.class))))
                .type(named("java.io.RandomAccessFile"))
                .transform(Transformers.advice(RandomAccessOpen.class,
                        named("open").and(takesArguments(String.class, int.class))))
                .type(named("java.io.File"))
                .transform(Transformers.advice(FileDelete.class, named("delete").and(takesArguments(0))))
                .transform(Transformers.advice(FileRename.class, DepthExit.class, named("renameTo").and(takesArguments(File.class))))
                .transform(Transformers.advice(FileCreate.class, DepthExit.class,
                        named("mkdir").or(named("mkdirs")).or(named("createNewFile")).and(takesArguments(0))))
                .transform(Transformers.advice(FileList.class, named("normalizedList").and(takesArguments(0))))
                .type(named(UNIX_PROVIDER))
                .transform(Transformers.advice(ChannelOpen.class, DepthExit.class,
                        named("newByteChannel").or(named("newFileChannel")).or(named("newAsynchronousFileChannel"))
                                .and(takesArgument(0, Path.class)).and(takesArgument(1, Set.class))))
                .transform(Transformers.advice(PathDelete.class, DepthExit.class, named("implDelete")))
                .transform(Transformers.advice(PathCreateDirectory.class, DepthExit.class, named("createDirectory")))
                .transform(Transformers.advice(PathList.class, DepthExit.class, named("newDirectoryStream")))
                .transform(Transformers.advice(PathCopy.class, DepthExit.class, named("copy").and(takesArgument(1, Path.class))))
                .transform(Transformers.advice(PathMove.class, DepthExit.class, named("move").and(takesArgument(1, Path.class))))
                .transform(Transformers.advice(HardLink.class, DepthExit.class, named("createLink")))
                .transform(Transformers.advice(SymbolicLink.class, DepthExit.class, named("createSymbolicLink")))
                .type(named("java.nio.file.Files"))
                .transform(Transformers.advice(PathCreateDirectory.class, DepthExit.class,
                        named("createDirectories").and(takesArgument(0, Path.class))));
    }

    /** FileInputStream.open(String): FileInputStream and FileReader constructors. */
    static final class InputStreamOpen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String name) {
            Hooks.file(name, FileOp.READ);
        }
    }

    /** FileOutputStream.open(String, boolean): FileOutputStream and FileWriter constructors. */
    static final class OutputStreamOpen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String name) {
            Hooks.file(name, FileOp.WRITE);
        }
    }

    /** RandomAccessFile.open(String, int). */
    static final class RandomAccessOpen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) int mode) {
            Hooks.randomAccess(name, mode);
        }
    }

    /** File.delete(). */
    static final class FileDelete {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File self) {
            Hooks.file(self.getPath(), FileOp.DELETE);
        }
    }

    /** File.renameTo(File). */
    static final class FileRename {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This File self, @Advice.Argument(0) File target) {
            return Hooks.enter(self.getPath(), FileOp.DELETE, target == null ? null : target.getPath(), FileOp.WRITE);
        }
    }

    /** File.mkdir(), mkdirs() (which calls mkdir), createNewFile(). */
    static final class FileCreate {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.This File self) {
            return Hooks.enter(self.getPath(), FileOp.WRITE);
        }
    }

    /** File.normalizedList(): list(), list(filter), listFiles(), listFiles(filter). */
    static final class FileList {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File self) {
            Hooks.file(self.getPath(), FileOp.LIST);
        }
    }

    /** UnixFileSystemProvider.newByteChannel / newFileChannel / newAsynchronousFileChannel. */
    static final class ChannelOpen {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path path, @Advice.Argument(1) Set<? extends OpenOption> options) {
            return Hooks.open(path, options);
        }
    }

    /** UnixFileSystemProvider.implDelete(Path, boolean): Files.delete, deleteIfExists. */
    static final class PathDelete {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path path) {
            return Hooks.enter(path, FileOp.DELETE);
        }
    }

    /** UnixFileSystemProvider.createDirectory and Files.createDirectories. */
    static final class PathCreateDirectory {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path path) {
            return Hooks.enter(path, FileOp.WRITE);
        }
    }

    /** UnixFileSystemProvider.newDirectoryStream: Files.list, walk, find, newDirectoryStream. */
    static final class PathList {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path path) {
            return Hooks.enter(path, FileOp.LIST);
        }
    }

    /** UnixFileSystemProvider.copy(Path, Path, CopyOption...). */
    static final class PathCopy {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target) {
            return Hooks.enter(source, FileOp.READ, target, FileOp.WRITE);
        }
    }

    /** UnixFileSystemProvider.move(Path, Path, CopyOption...). */
    static final class PathMove {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target) {
            return Hooks.enter(source, FileOp.DELETE, target, FileOp.WRITE);
        }
    }

    /** UnixFileSystemProvider.createLink(link, existing). */
    static final class HardLink {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path existing) {
            return Hooks.hardLink(link, existing);
        }
    }

    /** UnixFileSystemProvider.createSymbolicLink(link, target, attributes). */
    static final class SymbolicLink {
        @Advice.OnMethodEnter
        static ThreadState enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path target) {
            return Hooks.symbolicLink(link, target);
        }
    }

    /** The exit of every enter advice above that returns the thread's state: ends the call's depth. */
    static final class DepthExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter ThreadState state) {
            Hooks.exit(state);
        }
    }
}
