package dev.tenantguard.internal;

/**
 * File operation kinds as int constants, so advice passes them without loading or allocating
 * anything. {@link #name(int)} gives the word used in reports.
 *
 * <p>{@link #NAME_ONLY} may be or-ed into an operation that acts on a directory entry rather than
 * on what it names — delete, the source and target of a rename, the location of a new link: the
 * kernel does not follow a symbolic link in the last segment there, so neither does the check.
 */
public final class FileOp {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int DELETE = 2;
    public static final int LIST = 3;
    /** Changes a file's metadata (permissions, owner, times, attributes): reported as WRITE. */
    public static final int METADATA_WRITE = 4;
    /** Reads a file's metadata (existence, size, attributes, a link's target). */
    public static final int METADATA = 5;
    /** Flag: the last segment is the entry itself, not the file a link there points to. */
    public static final int NAME_ONLY = 0x10;

    private static final String[] NAMES = {"READ", "WRITE", "DELETE", "LIST", "WRITE", "METADATA"};

    private FileOp() {
    }

    public static String name(int op) {
        return NAMES[op & 0xF];
    }

    /** The operation without its flags. */
    public static int kind(int op) {
        return op & 0xF;
    }

    /** Whether the last segment is not followed ({@link #NAME_ONLY}). */
    public static boolean nameOnly(int op) {
        return (op & NAME_ONLY) != 0;
    }
}
