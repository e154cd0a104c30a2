package dev.tenantguard.agent.tooling;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a class file could hold anything a {@link TypeInstrumentation} changes, decided from its
 * bytes alone ({@link ConstantPoolScan}) before Byte Buddy is asked: the class is one of a few
 * named ones, or it mentions a package (its constant pool names a type of {@code java/sql/} …) and
 * declares a method of a given name and parameters. Every method a family instruments is declared
 * by the class being transformed, so its name is among the declared methods' names.
 *
 * <p>The JVM calls the class file transformer before it resolves the superclass, so this is all a
 * load-time filter can know: it must never be false for a class the group transforms.
 */
public final class ClassFileFilter {
    final Set<String> classNames;
    final byte[][] mentions;
    final List<MethodShape> declares;

    private ClassFileFilter(Set<String> classNames, byte[][] mentions, List<MethodShape> declares) {
        this.classNames = classNames;
        this.mentions = mentions;
        this.declares = declares;
    }

    /** Exactly the classes named (binary names), whatever they declare. */
    public static ClassFileFilter classes(Collection<String> binaryNames) {
        Set<String> internalNames = new HashSet<>();
        for (String name : binaryNames) {
            internalNames.add(name.replace('.', '/'));
        }
        return new ClassFileFilter(Set.copyOf(internalNames), new byte[0][], List.of());
    }

    /** Classes whose constant pool contains one of {@code fragments} (e.g. {@code java/sql/}). */
    public static ClassFileFilter mentioning(String... fragments) {
        return new ClassFileFilter(null, bytes(fragments), List.of());
    }

    /** Classes of any kind; narrowed by {@link #declaring}. */
    public static ClassFileFilter anyClass() {
        return new ClassFileFilter(null, new byte[0][], List.of());
    }

    /**
     * Also requires the class to declare a method named one of {@code names} whose descriptor
     * starts with one of {@code parameterPrefixes} (e.g. {@code (Ljava/lang/Runnable;}); no prefix:
     * any descriptor. Several calls: any of the shapes.
     */
    public ClassFileFilter declaring(Collection<String> names, String... parameterPrefixes) {
        List<MethodShape> shapes = new ArrayList<>(declares);
        shapes.add(new MethodShape(bytes(names.toArray(new String[0])), bytes(parameterPrefixes)));
        return new ClassFileFilter(classNames, mentions, List.copyOf(shapes));
    }

    @Override
    public String toString() {
        if (classNames != null) {
            return "classes " + classNames;
        }
        return "mentioning " + Arrays.stream(mentions).map(String::new).collect(Collectors.toList()) + " declaring "
                + declares;
    }

    /** A declared method's name and the start of its descriptor. */
    static final class MethodShape {
        final byte[][] names;
        final byte[][] parameterPrefixes;

        MethodShape(byte[][] names, byte[][] parameterPrefixes) {
            this.names = names;
            this.parameterPrefixes = parameterPrefixes;
        }

        @Override
        public String toString() {
            return Arrays.stream(names).map(String::new).collect(Collectors.toList())
                    + (parameterPrefixes.length == 0 ? ""
                            : Arrays.stream(parameterPrefixes).map(String::new).collect(Collectors.toList()).toString());
        }
    }

    private static byte[][] bytes(String... values) {
        byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return result;
    }
}
