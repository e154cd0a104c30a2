package dev.tenantguard.internal;

/**
 * Added by the agent to JDBC statement classes as they load: fields that carry what the checks
 * need from {@code prepareStatement} to {@code execute}, without a map lookup on the hot path.
 * The values are the agent's own objects, typed {@code Object} because this interface must
 * link in the bootstrap loader.
 */
public interface GuardedStatement {
    /** The analysis of the statement's SQL, or {@code null} for a plain statement. */
    Object tenantGuard$analysis();

    void tenantGuard$analysis(Object analysis);

    /** The tenant values bound so far: one value, or an array when several parameters carry it. */
    Object tenantGuard$binds();

    void tenantGuard$binds(Object binds);

    /**
     * The number bound to the tenant parameter by {@code setInt}, {@code setLong}, {@code setShort} or
     * {@code setByte}, kept as a primitive so that the bind allocates nothing; {@link #tenantGuard$binds}
     * says whether it is current.
     */
    long tenantGuard$number();

    void tenantGuard$number(long number);

    /** The connection that created the statement. */
    Object tenantGuard$connection();

    void tenantGuard$connection(Object connection);
}
