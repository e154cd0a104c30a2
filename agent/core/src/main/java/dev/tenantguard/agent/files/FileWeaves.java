package dev.tenantguard.agent.files;

import static dev.tenantguard.agent.tooling.MethodWeave.methods;
import static dev.tenantguard.agent.tooling.Source.argument;
import static dev.tenantguard.agent.tooling.Source.constant;
import static dev.tenantguard.agent.tooling.Source.field;
import static dev.tenantguard.agent.tooling.Source.local;
import static dev.tenantguard.agent.tooling.Source.self;

import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.HookCall;
import dev.tenantguard.agent.tooling.MethodWeave;
import dev.tenantguard.agent.tooling.Source;
import dev.tenantguard.internal.FileOp;
import java.util.List;

/**
 * File I/O: the JDK's choke points every file API goes through on Linux — the java.io streams'
 * {@code open}, {@code File}'s own operations (metadata and temporary files included),
 * {@code UnixFileSystemProvider} and its attribute views for java.nio.file —
 * each calling a {@code Hooks} entry with the path and the operation. Calls that can nest other
 * guarded calls keep the state {@code Hooks.enter} returns and hand it to {@code Hooks.exit} on
 * every exit, so the nested ones are not checked twice.
 */
final class FileWeaves {
    static final String UNIX_PROVIDER = "sun/nio/fs/UnixFileSystemProvider";
    private static final String BASIC_VIEW = "sun/nio/fs/UnixFileAttributeViews$Basic";
    private static final String HOOKS = "dev/tenantguard/internal/FileHooks";
    private static final String STATE = "Ldev/tenantguard/internal/ThreadState;";
    private static final String PATH = "Ljava/nio/file/Path;";
    private static final String FILE = "Ljava/io/File;";
    /** unlink(2), rename(2) and a copy's new target act on the entry: a link there is not followed. */
    private static final int ENTRY_DELETE = FileOp.DELETE | FileOp.NAME_ONLY;
    private static final int ENTRY_WRITE = FileOp.WRITE | FileOp.NAME_ONLY;

    private FileWeaves() {
    }

    static List<ClassWeave> all() {
        return List.of(
                new ClassWeave("java/io/FileInputStream", "file")
                        .with(methods("(Ljava/lang/String;)V", "open").atEntry(fileCall("Ljava/lang/String;", argument(0), FileOp.READ))),
                new ClassWeave("java/io/FileOutputStream", "file")
                        .with(methods("(Ljava/lang/String;Z)V", "open").atEntry(fileCall("Ljava/lang/String;", argument(0), FileOp.WRITE))),
                new ClassWeave("java/io/RandomAccessFile", "file")
                        .with(methods("(Ljava/lang/String;I)V", "open").atEntry(new HookCall(HOOKS, "randomAccess",
                                "(Ljava/lang/String;I)V", argument(0), argument(1)))),
                new ClassWeave("java/io/File", "file")
                        .with(methods("()Z", "delete").atEntry(fileCall(FILE, self(), ENTRY_DELETE)))
                        .with(replacing(methods("(Ljava/io/File;)Z", "renameTo"), new HookCall(HOOKS, "enter",
                                "(" + FILE + "I" + FILE + "I)" + STATE, self(), constant(ENTRY_DELETE), argument(0),
                                constant(ENTRY_WRITE))))
                        .with(nested(methods("()Z", "mkdir", "mkdirs", "createNewFile"),
                                new HookCall(HOOKS, "enter", "(" + FILE + "I)" + STATE, self(), constant(FileOp.WRITE))))
                        .with(methods("()[Ljava/lang/String;", "normalizedList").atEntry(fileCall(FILE, self(), FileOp.LIST)))
                        .with(methods("(ZZ)Z", "setReadable", "setWritable", "setExecutable")
                                .atEntry(fileCall(FILE, self(), FileOp.METADATA_WRITE)))
                        .with(methods("(J)Z", "setLastModified").atEntry(fileCall(FILE, self(), FileOp.METADATA_WRITE)))
                        .with(methods("()Z", "setReadOnly").atEntry(fileCall(FILE, self(), FileOp.METADATA_WRITE)))
                        .with(methods("(Ljava/lang/String;Ljava/lang/String;" + FILE + ")", "createTempFile")
                                .atEntry(new HookCall(HOOKS, "tempFile", "(Ljava/lang/String;Ljava/lang/String;" + FILE + ")V",
                                        argument(0), argument(1), argument(2))))
                        .with(methods("()", "exists", "isFile", "isDirectory", "isHidden", "canRead", "canWrite",
                                "canExecute", "length", "lastModified").atEntry(new HookCall(HOOKS, "metadata",
                                        "(" + FILE + ")V", self()))),
                new ClassWeave(UNIX_PROVIDER, "file")
                        .with(nested(methods("(" + PATH + "Ljava/util/Set;", "newByteChannel", "newFileChannel",
                                "newAsynchronousFileChannel"), new HookCall(HOOKS, "open", "(" + PATH + "Ljava/util/Set;)" + STATE,
                                argument(0), argument(1))))
                        .with(nested(methods("(" + PATH, "implDelete"), pathEnter(ENTRY_DELETE)))
                        .with(nested(methods("(" + PATH, "createDirectory"), pathEnter(FileOp.WRITE)))
                        .with(nested(methods("(" + PATH, "newDirectoryStream"), pathEnter(FileOp.LIST)))
                        .with(replacing(methods("(" + PATH + PATH, "copy"), twoPaths(FileOp.READ, ENTRY_WRITE)))
                        .with(replacing(methods("(" + PATH + PATH, "move"), twoPaths(ENTRY_DELETE, ENTRY_WRITE)))
                        .with(replacing(methods("(" + PATH + PATH, "createLink"), new HookCall(HOOKS, "hardLink",
                                "(" + PATH + PATH + ")" + STATE, argument(0), argument(1))))
                        .with(replacing(methods("(" + PATH + PATH, "createSymbolicLink"), new HookCall(HOOKS,
                                "symbolicLink", "(" + PATH + PATH + ")" + STATE, argument(0), argument(1))))
                        // metadata reads: every Files.exists/size/readAttributes/getAttribute/isDirectory/
                        // readSymbolicLink … ends in one of these (which exist depends on the JDK)
                        .with(nested(methods("(" + PATH, "readAttributes", "checkAccess", "readSymbolicLink"),
                                metadataEnter()))
                        .with(nested(methods("(" + PATH, "exists", "isDirectory", "isRegularFile",
                                "readAttributesIfExists").optional(), metadataEnter())),
                // metadata changes: setPosixFilePermissions, setOwner, setLastModifiedTime, setAttribute
                // ("posix:permissions", "unix:uid", "lastModifiedTime" …) all end in these three
                new ClassWeave(BASIC_VIEW, "file")
                        .with(nested(methods("(", "setTimes"), viewEnter(FileOp.METADATA_WRITE)))
                        .with(nested(methods("()", "readAttributes"), viewEnter(FileOp.METADATA))),
                new ClassWeave("sun/nio/fs/UnixFileAttributeViews$Posix", "file")
                        .with(nested(methods("(I)V", "setMode"), viewEnter(FileOp.METADATA_WRITE)))
                        .with(nested(methods("(II)V", "setOwners"), viewEnter(FileOp.METADATA_WRITE)))
                        .with(nested(methods("()", "readAttributes", "getOwner"), viewEnter(FileOp.METADATA))),
                new ClassWeave("java/nio/file/Files", "file")
                        .with(nested(methods("(" + PATH, "createDirectories"), pathEnter(FileOp.WRITE))));
    }

    private static HookCall fileCall(String pathDescriptor, Source path, int op) {
        return new HookCall(HOOKS, "file", "(" + pathDescriptor + "I)V", path, constant(op));
    }

    private static HookCall metadataEnter() {
        return new HookCall(HOOKS, "metadata", "(" + PATH + ")" + STATE, argument(0));
    }

    /** An attribute view's own file and whether it follows links, from its fields. */
    private static HookCall viewEnter(int op) {
        return new HookCall(HOOKS, "view", "(" + PATH + "ZI)" + STATE, field("file", "Lsun/nio/fs/UnixPath;"),
                field("followLinks", "Z"), constant(op));
    }

    private static HookCall pathEnter(int op) {
        return new HookCall(HOOKS, "enter", "(" + PATH + "I)" + STATE, argument(0), constant(op));
    }

    private static HookCall twoPaths(int sourceOp, int targetOp) {
        return new HookCall(HOOKS, "enter", "(" + PATH + "I" + PATH + "I)" + STATE, argument(0), constant(sourceOp),
                argument(1), constant(targetOp));
    }

    /**
     * As {@link #nested}, for a call that puts an entry in place by name: {@code Hooks.replaced} on
     * every exit, so that what the call changed is forgotten after it too.
     */
    private static MethodWeave replacing(MethodWeave weave, HookCall enter) {
        int state = weave.local(STATE);
        return weave.atEntryIntoLocal(state, enter)
                .atExit(new HookCall(HOOKS, "replaced", "(" + STATE + ")V", local(state)));
    }

    /** {@code enter} at entry, its state handed to {@code Hooks.exit} on every exit. */
    private static MethodWeave nested(MethodWeave weave, HookCall enter) {
        int state = weave.local(STATE);
        return weave.atEntryIntoLocal(state, enter)
                .atExit(new HookCall(HOOKS, "exit", "(" + STATE + ")V", local(state)));
    }
}
