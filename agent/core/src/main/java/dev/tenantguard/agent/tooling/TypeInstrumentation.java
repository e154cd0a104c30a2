package dev.tenantguard.agent.tooling;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A group of the application's types a family instruments with Byte Buddy (JDBC drivers and pools,
 * servlet containers, HTTP libraries, executors of libraries), cheapest test first: the
 * {@link ClassFileFilter} on the class file's bytes (every class that loads pays it), then Byte
 * Buddy's type matcher and transformation in {@link #apply} (only candidates pay those).
 */
public abstract class TypeInstrumentation {
    /** What a class of this group that fails to transform means for the application. */
    final String consequence;
    /** A class that does not pass it is never offered to Byte Buddy. */
    final ClassFileFilter filter;
    /** Adds fields or interfaces: cannot apply to classes loaded already. */
    final boolean changesClassFormat;

    protected TypeInstrumentation(String consequence, ClassFileFilter filter, boolean changesClassFormat) {
        this.consequence = consequence;
        this.filter = filter;
        this.changesClassFormat = changesClassFormat;
    }

    /** The test every class that loads must pass before Byte Buddy sees it. */
    public ClassFileFilter filter() {
        return filter;
    }

    /** Adds the group's type matchers and transformations. */
    protected abstract AgentBuilder apply(AgentBuilder builder);

    /** Types of the group left alone (on attach: those that cannot be changed any more). */
    protected ElementMatcher<TypeDescription> ignored() {
        return type -> false;
    }
}
