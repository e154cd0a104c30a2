package dev.tenantguard.agent.instrument;

import java.nio.charset.StandardCharsets;

/**
 * What a class file mentions and declares, read without parsing it into a model: a few bits that
 * tell whether a library family could have anything to instrument in it. Every method a family
 * instruments is declared by the class, so its name is among the names of the declared methods,
 * and the types of its descriptor are in the constant pool. Reads the bytes in place; allocates
 * one table of the pool's offsets.
 */
final class ConstantPoolScan {
    /** {@code java/sql/} or {@code javax/sql/} anywhere. */
    static final int SQL = 1;
    /** {@code javax/servlet/} or {@code jakarta/servlet/} anywhere. */
    static final int SERVLET = 2;
    /**
     * Declares an executor's hand-over method: named as one ({@code execute}, {@code submit} …) and
     * taking a {@code Runnable}, {@code Callable} or {@code Collection} first.
     */
    static final int EXECUTOR_METHOD = 8;
    /** Declares a method named as a JDBC method the JDBC family instruments. */
    static final int JDBC_METHOD = 16;
    /**
     * Declares a request entry: {@code service} or {@code doFilter} taking a servlet request first,
     * or {@code start(Runnable)}.
     */
    static final int ENTRY_METHOD = 32;
    private static final int ALL = SQL | SERVLET | EXECUTOR_METHOD | JDBC_METHOD | ENTRY_METHOD;

    private static final byte[][] SQL_TYPES = bytes("java/sql/", "javax/sql/");
    private static final byte[][] SERVLET_TYPES = bytes("javax/servlet/", "jakarta/servlet/");
    private static final byte[][] EXECUTOR_METHODS = bytes("execute", "submit", "schedule", "scheduleAtFixedRate",
            "scheduleWithFixedDelay", "invokeAll", "invokeAny");
    private static final byte[][] JDBC_METHODS = bytes("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "addBatch", "executeBatch", "executeLargeBatch", "prepareStatement", "prepareCall", "createStatement",
            "setSchema", "setCatalog", "setString", "setNString", "setObject");
    private static final byte[][] TASK_PARAMETERS = bytes("(Ljava/lang/Runnable;", "(Ljava/util/concurrent/Callable;",
            "(Ljava/util/Collection;");
    private static final byte[][] FILTER_METHODS = bytes("service", "doFilter");
    private static final byte[][] SERVLET_PARAMETERS = bytes("(Ljakarta/servlet/", "(Ljavax/servlet/");
    private static final byte[][] START = bytes("start");
    private static final byte[][] RUNNABLE_PARAMETER = bytes("(Ljava/lang/Runnable;)");

    private ConstantPoolScan() {
    }

    /** The bits of what the class file mentions and declares; 0 for a file that is not a class file. */
    static int scan(byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0xca || (b[1] & 0xff) != 0xfe) {
            return 0;
        }
        try {
            return read(b);
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return ALL; // not what a class file should be: let the library instrumentation decide
        }
    }

    private static int read(byte[] b) {
        int count = u2(b, 8);
        int[] offsets = new int[count];
        int at = 10;
        int found = 0;
        for (int i = 1; i < count; i++) {
            offsets[i] = at;
            int tag = b[at] & 0xff;
            switch (tag) {
                case 1: // Utf8
                    int length = u2(b, at + 1);
                    found |= mentions(b, at + 3, length);
                    at += 3 + length;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    at += 5;
                    break;
                case 5: case 6: // Long, Double: two entries
                    at += 9;
                    i++;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    at += 3;
                    break;
                case 15:
                    at += 4;
                    break;
                default:
                    return ALL; // a tag this reader does not know: let the library instrumentation decide
            }
        }
        at += 6; // access flags, this class, super class
        at += 2 + 2 * u2(b, at); // interfaces
        at = skipMembers(b, at); // fields
        int methods = u2(b, at);
        at += 2;
        for (int m = 0; m < methods; m++) {
            found |= declares(b, offsets[u2(b, at + 2)], offsets[u2(b, at + 4)]);
            at = skipAttributes(b, at + 6);
        }
        return found;
    }

    private static int skipMembers(byte[] b, int at) {
        int count = u2(b, at);
        at += 2;
        for (int i = 0; i < count; i++) {
            at = skipAttributes(b, at + 6);
        }
        return at;
    }

    /** {@code at}: an attributes_count; returns the offset after the attributes. */
    private static int skipAttributes(byte[] b, int at) {
        int count = u2(b, at);
        at += 2;
        for (int i = 0; i < count; i++) {
            int length = (b[at + 2] & 0xff) << 24 | (b[at + 3] & 0xff) << 16 | (b[at + 4] & 0xff) << 8 | (b[at + 5] & 0xff);
            at += 6 + length;
        }
        return at;
    }

    /** {@code name}, {@code descriptor}: the offsets of the Utf8 entries of a declared method's. */
    private static int declares(byte[] b, int name, int descriptor) {
        int length = u2(b, name + 1);
        int start = name + 3;
        int descriptorLength = u2(b, descriptor + 1);
        int descriptorStart = descriptor + 3;
        int found = 0;
        if (equalsAny(b, start, length, EXECUTOR_METHODS)
                && startsWithAny(b, descriptorStart, descriptorLength, TASK_PARAMETERS)) {
            found |= EXECUTOR_METHOD;
        }
        if (equalsAny(b, start, length, JDBC_METHODS)) {
            found |= JDBC_METHOD;
        }
        if (equalsAny(b, start, length, FILTER_METHODS)
                        && startsWithAny(b, descriptorStart, descriptorLength, SERVLET_PARAMETERS)
                || equalsAny(b, start, length, START)
                        && startsWithAny(b, descriptorStart, descriptorLength, RUNNABLE_PARAMETER)) {
            found |= ENTRY_METHOD;
        }
        return found;
    }

    private static boolean startsWithAny(byte[] b, int start, int length, byte[][] prefixes) {
        for (byte[] prefix : prefixes) {
            if (prefix.length <= length && regionMatches(b, start, prefix) && b[start] == prefix[0]) {
                return true;
            }
        }
        return false;
    }

    private static int mentions(byte[] b, int start, int length) {
        int found = 0;
        if (contains(b, start, length, SQL_TYPES)) {
            found |= SQL;
        }
        if (contains(b, start, length, SERVLET_TYPES)) {
            found |= SERVLET;
        }
        return found;
    }

    private static boolean contains(byte[] b, int start, int length, byte[][] needles) {
        for (byte[] needle : needles) {
            int last = start + length - needle.length;
            for (int at = start; at <= last; at++) {
                if (b[at] == needle[0] && regionMatches(b, at, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean equalsAny(byte[] b, int start, int length, byte[][] names) {
        for (byte[] name : names) {
            if (name.length == length && regionMatches(b, start, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(byte[] b, int at, byte[] needle) {
        for (int i = 1; i < needle.length; i++) {
            if (b[at + i] != needle[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static byte[][] bytes(String... values) {
        byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return result;
    }
}
