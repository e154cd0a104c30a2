package dev.tenantguard.internal;

/**
 * File operation kinds as int constants, so advice passes them without loading or allocating
 * anything. {@link #name(int)} gives the word used in reports.
 */
public final class FileOp {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int DELETE = 2;
    public static final int LIST = 3;

    private static final String[] NAMES = {"READ", "WRITE", "DELETE", "LIST"};

    private FileOp() {
    }

    public static String name(int op) {
        return NAMES[op];
    }
}
