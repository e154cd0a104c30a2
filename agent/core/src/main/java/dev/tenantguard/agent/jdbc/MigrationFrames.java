package dev.tenantguard.agent.jdbc;

/**
 * Whether the current thread runs inside a schema migration tool: Flyway ({@code org.flywaydb.}) or
 * Liquibase ({@code liquibase.}) on the stack. Walked only for a schema statement that destroys rows
 * or runs code, never on the allow path of row access.
 */
final class MigrationFrames {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private MigrationFrames() {
    }

    /** "Flyway" or "Liquibase" when one of them is on the stack, else null. */
    static String toolOnStack() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .map(MigrationFrames::tool).filter(tool -> tool != null).findFirst().orElse(null));
    }

    static String tool(String className) {
        if (className.startsWith("org.flywaydb.")) {
            return "Flyway";
        }
        if (className.startsWith("liquibase.")) {
            return "Liquibase";
        }
        return null;
    }
}
