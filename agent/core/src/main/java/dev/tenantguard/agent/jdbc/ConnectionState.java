package dev.tenantguard.agent.jdbc;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the agent knows of one physical connection: the tenant its database belongs to (database
 * per tenant, from its URL) and the tenant of the schema it was switched to (schema per tenant).
 * A pool's proxy connection shares the state of the physical connection it wraps, so a schema
 * switch made by one borrower is still known when the connection is handed to the next.
 */
final class ConnectionState {
    /** The connection's URL, or {@code null} when no rule needs it. */
    final String url;
    /** The tenant of the database, from {@code jdbc.databases}, or {@code null}. */
    final String databaseTenant;
    /** The rule that gave {@link #databaseTenant}. */
    final String databaseRule;
    /** The tenant of the schema the connection was switched to, or {@code null}. */
    volatile String schemaTenant;
    volatile String schema;
    /**
     * Primary keys read from the metadata by {@link RowOwners}: by table as written and schema, at most
     * {@link #MAX_PRIMARY_KEYS}; beyond them, the metadata is asked again for each write (spellings of a
     * table are many, and the heap must not grow with them).
     */
    final ConcurrentHashMap<String, List<String>> primaryKeys = new ConcurrentHashMap<>();
    static final int MAX_PRIMARY_KEYS = 1_024;
    /** The parameter names of routines, in order, by "routine name" ({@link RoutineParameters}); empty when not read. */
    final ConcurrentHashMap<String, List<String>> routineParameters = new ConcurrentHashMap<>();
    /** What a failed statement does to a transaction on this database ({@link RowOwners}), once known. */
    volatile Object transactionErrors;

    ConnectionState(String url, String databaseTenant, String databaseRule) {
        this.url = url;
        this.databaseTenant = databaseTenant;
        this.databaseRule = databaseRule;
    }
}
