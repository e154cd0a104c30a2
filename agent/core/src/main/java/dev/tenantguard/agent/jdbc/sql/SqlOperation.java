package dev.tenantguard.agent.jdbc.sql;

import java.util.Locale;

/**
 * What a statement does, as far as tenant enforcement and the violation report care: the operation
 * word of a JDBC violation ("tenant acme tried to UPDATE jc_visits"). docs/jdbc.md lists them.
 */
public enum SqlOperation {
    /** Reads rows: {@code SELECT}, {@code WITH … SELECT}, {@code VALUES}, {@code TABLE t}. */
    SELECT,
    /** Adds rows: {@code INSERT} (with {@code ON CONFLICT}/{@code ON DUPLICATE KEY}), {@code REPLACE}. */
    INSERT,
    /** Changes rows. */
    UPDATE,
    /** Removes rows. */
    DELETE,
    /** {@code MERGE INTO} and {@code UPSERT}; {@code INSERT … ON CONFLICT} stays {@link #INSERT}. */
    MERGE,
    /** Session statements: {@code SET …} (search_path, schema, RLS setting, others) and {@code USE}. */
    SET,
    /** Creates schema objects: tables, partitions, indexes, sequences, views, functions. */
    CREATE,
    /** Alters schema objects: columns, constraints, partitions attached or detached; {@code COMMENT ON}. */
    ALTER,
    /** Drops schema objects: a tenant table's rows go with it. */
    DROP,
    /** Empties a table: every tenant's rows. */
    TRUNCATE,
    /** Grants or revokes permissions ({@code GRANT}, {@code REVOKE}). */
    GRANT,
    /** Runs a PostgreSQL anonymous code block ({@code DO $$ … $$}). */
    DO,
    /**
     * Runs code the statement does not show: a stored procedure or function ({@code CALL},
     * {@code EXEC}, {@code {call …}}), a prepared statement by name ({@code EXECUTE}, {@code PREPARE}).
     */
    CALL,
    /** {@code COPY … TO / FROM}. */
    COPY,
    /** Anything else: a statement whose first word is none of the above (e.g. {@code LOCK}, {@code VACUUM}). */
    OTHER;

    /** Whether the statement reads or writes rows of the tables it names. */
    boolean touchesRows() {
        return this == SELECT || this == INSERT || this == UPDATE || this == DELETE || this == MERGE;
    }

    /**
     * The operation named by a statement's first keyword; used when the parser could not read the
     * statement, so that the report still says what it tried to do.
     */
    static SqlOperation ofKeyword(String keyword) {
        switch (keyword.toUpperCase(Locale.ROOT)) {
            case "SELECT":
            case "WITH":
            case "VALUES":
            case "TABLE":
                return SELECT;
            case "INSERT":
            case "REPLACE":
                return INSERT;
            case "UPDATE":
                return UPDATE;
            case "DELETE":
                return DELETE;
            case "MERGE":
            case "UPSERT":
                return MERGE;
            case "SET":
            case "USE":
                return SET;
            case "CREATE":
                return CREATE;
            case "ALTER":
            case "COMMENT":
            case "RENAME":
                return ALTER;
            case "DROP":
                return DROP;
            case "TRUNCATE":
                return TRUNCATE;
            case "GRANT":
            case "REVOKE":
                return GRANT;
            case "DO":
                return DO;
            case "CALL":
            case "EXEC":
            case "EXECUTE":
            case "PREPARE":
                return CALL;
            case "COPY":
                return COPY;
            default:
                return OTHER;
        }
    }
}
