package dev.tenantguard.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * A family whose classes are the application's (JDBC drivers and pools, servlet containers, HTTP
 * libraries, executors of libraries): instrumented with Byte Buddy, matched by type as they load.
 */
abstract class LibraryFamily {
    /** What a class of this family that fails to transform means for the application. */
    final String consequence;
    /** The {@link ConstantPoolScan} bits a class must all have to be a candidate. */
    private final int required;

    LibraryFamily(String consequence, int required) {
        this.consequence = consequence;
        this.required = required;
    }

    /** Adds the family's types and transformations. */
    abstract AgentBuilder apply(AgentBuilder builder);

    /**
     * Whether the class could be one of the family's, from its name and what its constant pool
     * mentions ({@link ConstantPoolScan}): must never be false for a class the family transforms.
     */
    boolean candidate(String internalName, int scan) {
        return (scan & required) == required;
    }
}
