package dev.tenantguard.agent.instrument;

import java.nio.charset.StandardCharsets;

/**
 * What a class file's constant pool mentions, read without parsing the class: a few bits that tell
 * whether a library family could have anything to instrument in it. Every method a family
 * instruments is declared by the class, so its name and the types of its descriptor are in the
 * pool. Reads the bytes in place; allocates nothing.
 */
final class ConstantPoolScan {
    /** {@code java/sql/} or {@code javax/sql/} anywhere. */
    static final int SQL = 1;
    /** {@code javax/servlet/} or {@code jakarta/servlet/} anywhere. */
    static final int SERVLET = 2;
    /** A task type an executor method takes: {@code Runnable}, {@code Callable}, {@code Collection}. */
    static final int TASK = 4;
    /** A name of an executor's hand-over method. */
    static final int EXECUTOR_METHOD = 8;
    /** A name of a JDBC method the JDBC family instruments. */
    static final int JDBC_METHOD = 16;

    private static final byte[][] SQL_TYPES = bytes("java/sql/", "javax/sql/");
    private static final byte[][] SERVLET_TYPES = bytes("javax/servlet/", "jakarta/servlet/");
    private static final byte[][] TASK_TYPES = bytes("java/lang/Runnable", "java/util/concurrent/Callable",
            "java/util/Collection");
    private static final byte[][] EXECUTOR_METHODS = bytes("execute", "submit", "schedule", "scheduleAtFixedRate",
            "scheduleWithFixedDelay", "invokeAll", "invokeAny");
    private static final byte[][] JDBC_METHODS = bytes("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "addBatch", "executeBatch", "executeLargeBatch", "prepareStatement", "prepareCall", "createStatement",
            "setSchema", "setCatalog", "setString", "setNString", "setObject");

    private ConstantPoolScan() {
    }

    /** The bits of what the class file's pool mentions; 0 for a file that is not a class file. */
    static int scan(byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0xca || (b[1] & 0xff) != 0xfe) {
            return 0;
        }
        int count = u2(b, 8);
        int at = 10;
        int found = 0;
        for (int i = 1; i < count; i++) {
            int tag = b[at] & 0xff;
            switch (tag) {
                case 1: // Utf8
                    int length = u2(b, at + 1);
                    found |= utf8(b, at + 3, length);
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
                    return SQL | SERVLET | TASK | EXECUTOR_METHOD | JDBC_METHOD; // unknown: let the library instrumentation decide
            }
        }
        return found;
    }

    private static int utf8(byte[] b, int start, int length) {
        int found = 0;
        if (contains(b, start, length, SQL_TYPES)) {
            found |= SQL;
        }
        if (contains(b, start, length, SERVLET_TYPES)) {
            found |= SERVLET;
        }
        if (contains(b, start, length, TASK_TYPES)) {
            found |= TASK;
        }
        if (equalsAny(b, start, length, EXECUTOR_METHODS)) {
            found |= EXECUTOR_METHOD;
        }
        if (equalsAny(b, start, length, JDBC_METHODS)) {
            found |= JDBC_METHOD;
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
