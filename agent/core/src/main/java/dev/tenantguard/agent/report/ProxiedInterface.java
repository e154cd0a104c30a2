package dev.tenantguard.agent.report;

import java.lang.reflect.Method;

/**
 * The interface a JDK proxy implements a method for: a Spring Data repository's proxy implements the
 * application's repository interface beside Spring's own ({@code Repository}, {@code Advised} …); the
 * application's is named first when both declare the method. Read only on the violation path.
 */
final class ProxiedInterface {
    private ProxiedInterface() {
    }

    static String declaring(Class<?> proxy, String method) {
        String library = null;
        for (Class<?> type : proxy.getInterfaces()) {
            if (declares(type, method)) {
                if (!LibraryFrames.isLibrary(type.getName())) {
                    return type.getName();
                }
                library = library == null ? type.getName() : library;
            }
        }
        return library;
    }

    private static boolean declares(Class<?> type, String method) {
        try {
            for (Method m : type.getMethods()) { // inherited ones too: findById of CrudRepository
                if (m.getName().equals(method)) {
                    return true;
                }
            }
        } catch (SecurityException | LinkageError e) {
            // an interface whose methods cannot be listed names nothing
        }
        return false;
    }
}
