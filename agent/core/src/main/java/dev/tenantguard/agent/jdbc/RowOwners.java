package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.KeyedWrite;
import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.internal.GuardedStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Judges an UPDATE or DELETE by key ({@link KeyedWrite}) by the owners of the rows it pins: before the
 * write runs, the rows' tenant column is read on the same connection, in the same transaction
 * ({@code SELECT tenant_id FROM t WHERE <primary key> = ?}, or {@code … WHERE id IN (?, ?, …)} for a
 * list of values of a single-column key, or {@code … WHERE (a, b) IN ((?, ?), …)} for a list of rows of
 * the whole composite key, in one query). Any row of another tenant is a crossing; no
 * row means nothing is reached; rows that are all the own tenant's are allowed.
 *
 * <p>Only a pin of the whole primary key counts: a key names a row whose owner does not change under
 * the application's feet, while rows selected by other columns may be another tenant's by the time the
 * write runs. The key is read from {@link DatabaseMetaData} once per table and physical connection.
 *
 * <p>Runs inside the checker (the thread's busy flag is set), so the lookup's own statements are not
 * checked again. In a transaction of a database that aborts a transaction at its first error
 * (PostgreSQL), or is not known not to, the lookup runs under a savepoint: a lookup that fails is
 * undone and leaves the application's transaction as it was. On PostgreSQL the savepoint, the lookup
 * and the release are sent as one text: one round trip.
 */
final class RowOwners {
    private static final String SAVEPOINT = "tenant_guard_lookup";

    /**
     * What the lookup found: the own tenant's row or none ({@link #OWN}), another owner, no key pinned
     * ({@link #NOT_BY_KEY}), or why it could not tell.
     */
    record Verdict(String owner, String unknown, List<String> key, boolean listed) {
        static final Verdict OWN = new Verdict(null, null, List.of(), false);
        /** The pins do not hold the whole primary key: the write is what its SQL says. */
        static final Verdict NOT_BY_KEY = new Verdict(null, null, List.of(), false);

        static Verdict unknown(String why) {
            return new Verdict(null, why, List.of(), false);
        }

        /**
         * Which row the owner was read from, for the sentence of a crossing: "the row the UPDATE names by
         * its primary key (id)", or "a row the DELETE lists by its primary key (order_id, line)".
         */
        String rowOf(String operation) {
            return (listed ? "a row the " + operation + " lists" : "the row the " + operation + " names")
                    + " by its primary key (" + String.join(", ", key) + ")";
        }
    }

    private final String column;

    RowOwners(String column) {
        this.column = column;
    }

    Verdict judge(Object connection, ConnectionState state, KeyedWrite write, SqlAnalysis analysis,
            GuardedStatement prepared, String tenant) {
        if (!(connection instanceof Connection db)) {
            return Verdict.unknown("the statement's connection is not known");
        }
        List<String> key = state.primaryKeys.get(cacheKey(state, write));
        if (key != null && !key.isEmpty() && !pinsAll(write, key)) {
            return Verdict.NOT_BY_KEY; // known, and not pinned: no lookup, no savepoint
        }
        Object binds = prepared == null ? null : prepared.tenantGuard$binds();
        Savepoint savepoint = null;
        boolean pipelined = false;
        try {
            TransactionErrors errors = db.getAutoCommit() ? TransactionErrors.KEEP : errors(db, state);
            if (key == null) {
                savepoint = errors == TransactionErrors.KEEP ? null : db.setSavepoint(); // metadata reads are queries
                key = primaryKey(db, state, write);
                if (savepoint != null) {
                    db.releaseSavepoint(savepoint);
                    savepoint = null;
                }
            }
            if (key.isEmpty()) {
                return Verdict.unknown("no primary key of " + write.table() + " was found in the database's metadata");
            }
            if (!pinsAll(write, key)) {
                return Verdict.NOT_BY_KEY;
            }
            Lookup lookup = lookup(write, key, analysis, binds);
            if (lookup.verdict() != null) {
                return lookup.verdict();
            }
            String sql = lookup.sql();
            if (errors == TransactionErrors.ABORT_PIPELINED) {
                // one round trip: the savepoint, the lookup and its release sent together
                sql = "SAVEPOINT " + SAVEPOINT + "; " + sql + "; RELEASE SAVEPOINT " + SAVEPOINT;
                pipelined = true;
            } else if (errors == TransactionErrors.ABORT) {
                savepoint = db.setSavepoint();
            }
            Verdict verdict = query(db, sql, lookup, analysis, prepared, binds, key, write, tenant);
            if (savepoint != null) {
                db.releaseSavepoint(savepoint);
            }
            return verdict;
        } catch (SQLException | RuntimeException e) {
            undo(db, savepoint, pipelined, e);
            return Verdict.unknown("the lookup of the row's " + column + " failed (" + e + ")");
        }
    }

    /** What a failed statement does to the transaction it runs in, by database. */
    private enum TransactionErrors {
        /** The transaction goes on (MySQL, MariaDB, H2, Oracle), or there is none (auto-commit). */
        KEEP,
        /** The transaction is aborted (PostgreSQL): statements may be sent together, savepoint first. */
        ABORT_PIPELINED,
        /** Not known to keep it: a JDBC savepoint around the lookup. */
        ABORT
    }

    private static TransactionErrors errors(Connection db, ConnectionState state) throws SQLException {
        TransactionErrors known = (TransactionErrors) state.transactionErrors;
        if (known == null) {
            String product = db.getMetaData().getDatabaseProductName();
            known = switch (product == null ? "" : product) {
                case "MySQL", "MariaDB", "H2", "Oracle" -> TransactionErrors.KEEP;
                case "PostgreSQL" -> TransactionErrors.ABORT_PIPELINED;
                default -> TransactionErrors.ABORT;
            };
            state.transactionErrors = known;
        }
        return known;
    }

    private static void undo(Connection db, Savepoint savepoint, boolean pipelined, Exception failure) {
        try {
            if (savepoint != null) {
                db.rollback(savepoint);
            } else if (pipelined) {
                try (Statement undo = db.createStatement()) {
                    undo.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
                }
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The lookup's SQL, the values it binds and the most rows it may find (one per listed value of a
     * single-column key), or the verdict when no lookup is needed.
     */
    private record Lookup(String sql, List<KeyedWrite.Value> values, int maxRows, Verdict verdict) {
        static Lookup decided(Verdict verdict) {
            return new Lookup(null, null, 0, verdict);
        }
    }

    private Lookup lookup(KeyedWrite write, List<String> key, SqlAnalysis analysis, Object binds) {
        if (!pinsEach(write, key)) {
            return rowLookup(write, rowListOf(write, key), analysis, binds);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(column).append(" FROM ").append(write.tableSql())
                .append(" WHERE ");
        List<KeyedWrite.Value> values = new ArrayList<>();
        int maxRows = 1;
        for (String part : key) {
            KeyedWrite.Pin pin = write.pin(part);
            List<String> written = new ArrayList<>(pin.values().size());
            for (KeyedWrite.Value value : pin.values()) {
                if (value.literal() == null) {
                    Object bound = BoundTenants.value(analysis, binds, value.index());
                    String unknown = BoundTenants.unknown(bound);
                    if (unknown != null) {
                        return Lookup.decided(Verdict.unknown("the value bound to " + pin.column() + " (parameter "
                                + value.index() + ") " + unknown));
                    }
                    if (bound == BoundTenants.NULL) {
                        continue; // key = NULL selects no row
                    }
                }
                written.add(value.literal() == null ? "?" : value.literal());
                values.add(value);
            }
            if (written.isEmpty()) {
                return Lookup.decided(Verdict.OWN); // no value selects a row
            }
            sql.append(part.equals(key.get(0)) ? "" : " AND ").append(pin.columnSql())
                    .append(written.size() == 1 ? " = " + written.get(0) : " IN (" + String.join(", ", written) + ")");
            maxRows = Math.max(maxRows, written.size());
        }
        return new Lookup(sql.toString(), values, maxRows, null);
    }

    /**
     * {@code SELECT tenant_id FROM t WHERE (a, b) IN ((?, ?), …)}: the rows of a list that holds every
     * column of the key, each row naming at most one row of the table. A row with a value bound to NULL
     * selects nothing and is left out.
     */
    private Lookup rowLookup(KeyedWrite write, KeyedWrite.RowList list, SqlAnalysis analysis, Object binds) {
        List<KeyedWrite.Value> values = new ArrayList<>();
        List<String> rows = new ArrayList<>(list.rows().size());
        for (List<KeyedWrite.Value> row : list.rows()) {
            List<String> written = new ArrayList<>(row.size());
            for (int i = 0; i < row.size() && written != null; i++) {
                KeyedWrite.Value value = row.get(i);
                if (value.literal() == null) {
                    Object bound = BoundTenants.value(analysis, binds, value.index());
                    String unknown = BoundTenants.unknown(bound);
                    if (unknown != null) {
                        return Lookup.decided(Verdict.unknown("the value bound to " + list.columns().get(i)
                                + " (parameter " + value.index() + ") " + unknown));
                    }
                    if (bound == BoundTenants.NULL) {
                        written = null; // a NULL in a row matches no row
                        continue;
                    }
                }
                written.add(value.literal() == null ? "?" : value.literal());
            }
            if (written != null) {
                rows.add("(" + String.join(", ", written) + ")");
                values.addAll(row);
            }
        }
        if (rows.isEmpty()) {
            return Lookup.decided(Verdict.OWN); // no row of the list selects a row
        }
        String sql = "SELECT " + column + " FROM " + write.tableSql() + " WHERE (" + String.join(", ", list.columnsSql())
                + ") IN (" + String.join(", ", rows) + ")";
        return new Lookup(sql, values, rows.size(), null);
    }

    private static Verdict query(Connection db, String sql, Lookup lookup, SqlAnalysis analysis,
            GuardedStatement prepared, Object binds, List<String> key, KeyedWrite write, String tenant)
            throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            int n = 0;
            for (KeyedWrite.Value value : lookup.values()) {
                if (value.literal() == null) {
                    Object bound = BoundTenants.value(analysis, binds, value.index());
                    if (bound == BoundTenants.NUMBER) {
                        select.setLong(++n, BoundTenants.number(prepared, binds, value.index()));
                    } else {
                        select.setObject(++n, bound);
                    }
                }
            }
            select.setMaxRows(lookup.maxRows() + 1); // one more than the key can select: a key that is not the table's
            boolean rowsNext = select.execute();
            while (!rowsNext && select.getUpdateCount() != -1) {
                rowsNext = select.getMoreResults(); // past the SAVEPOINT sent before it
            }
            if (!rowsNext) {
                throw new SQLException("the lookup returned no rows");
            }
            try (ResultSet rows = select.getResultSet()) {
                int count = 0;
                String other = null;
                while (rows.next()) {
                    count++;
                    Object owner = rows.getObject(1);
                    if (!owns(owner, rows, tenant) && other == null) {
                        other = owner == null ? "NULL" : String.valueOf(owner);
                    }
                }
                if (count > lookup.maxRows()) {
                    return Verdict.unknown("the key " + key + " selects more rows of " + write.table()
                            + " than the write lists values of it");
                }
                return other == null ? Verdict.OWN : new Verdict(other, null, key, lookup.maxRows() > 1);
            }
        }
    }

    private static boolean owns(Object owner, ResultSet rows, String tenant) throws SQLException {
        if (owner == null) {
            return false; // a row of no tenant is not the tenant's
        }
        if (owner instanceof String || owner instanceof UUID || owner instanceof Number) {
            return BoundTenants.unknown(owner) == null && BoundTenants.matches(owner, 0, tenant);
        }
        return tenant.equals(rows.getString(1));
    }

    /**
     * The primary key's columns (lower case), cached per table as written and schema switched to (a
     * bounded number); empty when the metadata names none. A metadata failure is not cached: the next
     * write asks again.
     */
    private static List<String> primaryKey(Connection db, ConnectionState state, KeyedWrite write) throws SQLException {
        String cacheKey = cacheKey(state, write);
        List<String> known = state.primaryKeys.get(cacheKey);
        if (known != null) {
            return known;
        }
        String[] parts = write.tableSql().split("\\.");
        String schema = parts.length > 1 ? unquote(parts[parts.length - 2]) : db.getSchema();
        DatabaseMetaData metaData = db.getMetaData();
        List<String> key = List.of();
        for (String name : new String[] {write.table(), write.table().toUpperCase(Locale.ROOT)}) {
            for (String inSchema : new String[] {schema, schema == null ? null : schema.toUpperCase(Locale.ROOT), null}) {
                key = columns(metaData, db.getCatalog(), inSchema, name);
                if (!key.isEmpty()) {
                    break;
                }
            }
            if (!key.isEmpty()) {
                break;
            }
        }
        if (state.primaryKeys.size() < ConnectionState.MAX_PRIMARY_KEYS) {
            state.primaryKeys.putIfAbsent(cacheKey, key);
        }
        return key;
    }

    private static String cacheKey(ConnectionState state, KeyedWrite write) {
        return write.tableSql() + '@' + state.schema;
    }

    /**
     * Whether the pins hold every column of {@code key}, each column on its own or all together in one
     * list of rows.
     */
    private static boolean pinsAll(KeyedWrite write, List<String> key) {
        return pinsEach(write, key) || rowListOf(write, key) != null;
    }

    /**
     * Whether each column of {@code key} is pinned on its own; a list of values only for a key of one
     * column, where each value names one row (a list per column of a composite key names their combinations).
     */
    private static boolean pinsEach(KeyedWrite write, List<String> key) {
        for (String part : key) {
            KeyedWrite.Pin pin = write.pin(part);
            if (pin == null || (key.size() > 1 && pin.values().size() > 1)) {
                return false;
            }
        }
        return true;
    }

    /** The first list of rows that holds every column of {@code key} (each of its rows then names one row), or null. */
    private static KeyedWrite.RowList rowListOf(KeyedWrite write, List<String> key) {
        for (KeyedWrite.RowList list : write.rowLists()) {
            if (list.columns().containsAll(key)) {
                return list;
            }
        }
        return null;
    }

    private static List<String> columns(DatabaseMetaData metaData, String catalog, String schema, String table)
            throws SQLException {
        TreeMap<Integer, String> key = new TreeMap<>(); // by KEY_SEQ: the drivers sort by name
        String seenSchema = null;
        try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, table)) {
            while (rows.next()) {
                String rowSchema = rows.getString("TABLE_SCHEM");
                if (seenSchema != null && !seenSchema.equals(rowSchema)) {
                    return List.of(); // tables of this name in several schemas: which one the write names is not known
                }
                seenSchema = rowSchema;
                key.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(key.values());
    }

    private static String unquote(String identifier) {
        String id = identifier.strip();
        return id.length() >= 2 && (id.charAt(0) == '"' || id.charAt(0) == '`') ? id.substring(1, id.length() - 1) : id;
    }
}
