package dev.tenantguard.agent.http.library;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Public methods of a library's types, found in the class loader that loaded the library. */
final class Handles {
    private Handles() {
    }

    /**
     * The public method {@code name} of {@code typeName} as seen from {@code loader}, adapted to take
     * and return {@code Object}s ({@code void} stays {@code void}) so that callers can use {@code invokeExact} without linking the types.
     */
    static MethodHandle virtual(ClassLoader loader, String typeName, String name, Class<?> returnType,
            Class<?>... parameters) {
        try {
            Class<?> type = Class.forName(typeName, false, loader);
            MethodHandle handle = MethodHandles.publicLookup().findVirtual(type, name,
                    MethodType.methodType(returnType, parameters));
            MethodType generic = handle.type().generic();
            return handle.asType(returnType == void.class ? generic.changeReturnType(void.class) : generic);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this version of " + typeName + " has no public " + name
                    + ": its requests are not checked", e);
        }
    }

    /** The public field {@code name} of {@code typeName}, as a getter taking and returning {@code Object}. */
    static MethodHandle getter(ClassLoader loader, String typeName, String name, String fieldTypeName) {
        try {
            Class<?> type = Class.forName(typeName, false, loader);
            Class<?> fieldType = Class.forName(fieldTypeName, false, loader);
            MethodHandle handle = MethodHandles.publicLookup().findGetter(type, name, fieldType);
            return handle.asType(handle.type().generic());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this version of " + typeName + " has no public field " + name, e);
        }
    }
}
