package dev.tenantguard.agent.instrument;

import java.util.Set;

/**
 * The internal names of the classes {@link HttpLibraryInstrumentation} transforms, apart from it
 * so that asking about a class loads no Byte Buddy type.
 */
final class HttpLibraryClasses {
    static final Set<String> NAMES = Set.of(internal(HttpLibraryInstrumentation.APACHE5_CLASSIC),
            internal(HttpLibraryInstrumentation.APACHE5_ASYNC), internal(HttpLibraryInstrumentation.APACHE4),
            internal(HttpLibraryInstrumentation.OKHTTP_CLIENT), internal(HttpLibraryInstrumentation.OKHTTP_FOLLOW_UP));

    private HttpLibraryClasses() {
    }

    private static String internal(String binaryName) {
        return binaryName.replace('.', '/');
    }
}
