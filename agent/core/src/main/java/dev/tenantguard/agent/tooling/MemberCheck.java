package dev.tenantguard.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.named;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Finds the {@link LibraryMembers} a library version lacks, from its class files as its class loader
 * serves them. No class is loaded: this runs while the JVM loads the matched class, where loading
 * another class of the library could need the one being loaded.
 */
final class MemberCheck {
    private MemberCheck() {
    }

    /** The first member of {@code members} that the library seen from {@code loader} lacks, described; {@code null} when none. */
    static String firstMissing(LibraryMembers members, ClassLoader loader) {
        if (members.members().isEmpty()) {
            return null;
        }
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
        for (LibraryMembers.Member member : members.members()) {
            if (!present(pool, member)) {
                return member.describe();
            }
        }
        return null;
    }

    /**
     * Whether {@code loader} serves the class file of {@code typeName}, a class it loads: a loader that
     * defines classes from bytes it does not serve as resources cannot be checked this way.
     */
    static boolean servesClassFile(ClassLoader loader, String typeName) {
        try (ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(loader)) {
            return locator.locate(typeName).isResolved();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean present(TypePool pool, LibraryMembers.Member member) {
        TypePool.Resolution owner = pool.describe(member.owner());
        if (!owner.isResolved()) {
            return false;
        }
        TypeDescription type = owner.resolve();
        try {
            return switch (member.kind()) {
                case METHOD -> hasMethod(type, member);
                case CONSTRUCTOR -> hasConstructor(type, member.parameters());
                case FIELD -> hasField(type, member.name());
            };
        } catch (RuntimeException unreadable) {
            return false; // a type the library's class files do not describe: not verified
        }
    }

    /** Declared by {@code type}, or inherited from a superclass or an interface. */
    private static boolean hasMethod(TypeDefinition type, LibraryMembers.Member member) {
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (method.isPublic() && method.getName().equals(member.name()) && !method.isConstructor()
                    && method.getReturnType().asErasure().getActualName().equals(member.returns())
                    && parametersMatch(method, member.parameters())) {
                return true;
            }
        }
        TypeDefinition superClass = type.getSuperClass();
        if (superClass != null && hasMethod(superClass, member)) {
            return true;
        }
        for (TypeDefinition implemented : type.getInterfaces()) {
            if (hasMethod(implemented, member)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasConstructor(TypeDescription type, List<String> parameters) {
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (method.isConstructor() && method.isPublic() && parametersMatch(method, parameters)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasField(TypeDefinition type, String name) {
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            if (!t.getDeclaredFields().filter(named(name)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean parametersMatch(MethodDescription method, List<String> parameters) {
        List<TypeDescription> types = method.getParameters().asTypeList().asErasures();
        if (types.size() != parameters.size()) {
            return false;
        }
        for (int i = 0; i < types.size(); i++) {
            if (!types.get(i).getActualName().equals(parameters.get(i))) {
                return false;
            }
        }
        return true;
    }
}
