package org.hibernate.context.spi;

/** Hibernate 6.4+'s resolver interface as the agent sees it (the agent's tests have no Hibernate). */
public interface CurrentTenantIdentifierResolver<T> {
    T resolveCurrentTenantIdentifier();

    boolean validateExistingCurrentSessions();

    default boolean isRoot(T tenantId) {
        return false;
    }
}
