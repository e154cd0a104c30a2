package dev.tenantguard.agent.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.tenantguard.agent.tooling.ClassFileFilter;
import dev.tenantguard.agent.tooling.TypeInstrumentation;
import dev.tenantguard.internal.JdbcHooks;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Hibernate's {@code SessionFactoryImpl}, for {@code tenant.from: hibernate}: the exit of its
 * constructors hands the factory to the checker, which keeps its {@code CurrentTenantIdentifierResolver}
 * (read through method handles: the agent links against no Hibernate class).
 */
final class HibernateInstrumentation {
    static final String SESSION_FACTORY = "org.hibernate.internal.SessionFactoryImpl";

    static final TypeInstrumentation SESSION_FACTORY_BUILT = new TypeInstrumentation(
            "the tenant its resolver gives is not used (tenant.from hibernate): calls with no tenant stay without one",
            ClassFileFilter.classes(List.of(SESSION_FACTORY)), false) {
        @Override
        protected AgentBuilder apply(AgentBuilder builder) {
            Advice advice = Advice.to(Built.class);
            return builder.type(named(SESSION_FACTORY))
                    .transform((b, type, loader, module, domain) -> b.visit(advice.on(isConstructor())));
        }
    };

    private HibernateInstrumentation() {
    }

    /** SessionFactoryImpl(…): exit, when the factory and its resolver are set. */
    static final class Built {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object sessionFactory) {
            JdbcHooks.sessionFactory(sessionFactory);
        }
    }
}
