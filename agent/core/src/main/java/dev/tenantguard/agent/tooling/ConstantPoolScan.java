package dev.tenantguard.agent.tooling;

import java.util.List;

/**
 * Reads a class file's constant pool and method table in place, without parsing it into a model,
 * and tells which {@link ClassFileFilter}s it passes: the cheapest step of offering a class to the
 * library instrumentation, paid by every class that loads. Allocates one table of the pool's
 * offsets and one of the filters' results.
 */
public final class ConstantPoolScan {
    private ConstantPoolScan() {
    }

    /**
     * Whether the class {@code internalName} with the class file {@code b} passes one of
     * {@code filters}. A file that is not a class file passes none; one this reader cannot read
     * (truncated, an unknown constant) passes all: Byte Buddy decides.
     */
    public static boolean passes(String internalName, byte[] b, List<ClassFileFilter> filters) {
        boolean named = false;
        for (ClassFileFilter filter : filters) {
            if (filter.classNames != null && filter.classNames.contains(internalName)) {
                named = true;
            }
        }
        if (named) {
            return true;
        }
        if (b.length < 10 || (b[0] & 0xff) != 0xca || (b[1] & 0xff) != 0xfe) {
            return false;
        }
        try {
            return read(b, filters);
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return true;
        }
    }

    private static boolean read(byte[] b, List<ClassFileFilter> filters) {
        int n = filters.size();
        boolean[] mentioned = new boolean[n];
        boolean[] declared = new boolean[n];
        boolean anyLeft = false;
        for (int f = 0; f < n; f++) {
            ClassFileFilter filter = filters.get(f);
            mentioned[f] = filter.classNames == null && filter.mentions.length == 0;
            declared[f] = filter.classNames == null && filter.declares.isEmpty();
            anyLeft |= filter.classNames == null;
        }
        if (!anyLeft) {
            return false;
        }
        int count = u2(b, 8);
        int[] offsets = new int[count];
        int at = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = at;
            int tag = b[at] & 0xff;
            switch (tag) {
                case 1: // Utf8
                    int length = u2(b, at + 1);
                    for (int f = 0; f < n; f++) {
                        if (!mentioned[f] && filters.get(f).classNames == null
                                && contains(b, at + 3, length, filters.get(f).mentions)) {
                            mentioned[f] = true;
                        }
                    }
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
                    return true; // a tag this reader does not know: let the library instrumentation decide
            }
        }
        at += 6; // access flags, this class, super class
        at += 2 + 2 * u2(b, at); // interfaces
        at = skipMembers(b, at); // fields
        int methods = u2(b, at);
        at += 2;
        for (int m = 0; m < methods; m++) {
            int name = offsets[u2(b, at + 2)];
            int descriptor = offsets[u2(b, at + 4)];
            for (int f = 0; f < n; f++) {
                if (!declared[f] && mentioned[f] && declares(b, name, descriptor, filters.get(f))) {
                    declared[f] = true;
                }
            }
            at = skipAttributes(b, at + 6);
        }
        for (int f = 0; f < n; f++) {
            if (mentioned[f] && declared[f]) {
                return true;
            }
        }
        return false;
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
    private static boolean declares(byte[] b, int name, int descriptor, ClassFileFilter filter) {
        int length = u2(b, name + 1);
        int start = name + 3;
        int descriptorLength = u2(b, descriptor + 1);
        int descriptorStart = descriptor + 3;
        for (ClassFileFilter.MethodShape shape : filter.declares) {
            if (equalsAny(b, start, length, shape.names) && (shape.parameterPrefixes.length == 0
                    || startsWithAny(b, descriptorStart, descriptorLength, shape.parameterPrefixes))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(byte[] b, int start, int length, byte[][] prefixes) {
        for (byte[] prefix : prefixes) {
            if (prefix.length <= length && regionMatches(b, start, prefix) && b[start] == prefix[0]) {
                return true;
            }
        }
        return false;
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
}
