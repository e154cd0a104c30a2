package dev.tenantguard.agent.jdbc.sql;

import java.util.Locale;

/** What a statement does, as far as tenant enforcement and the violation report care. */
public enum SqlOperation {
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    /** {@code MERGE INTO} and {@code UPSERT}; {@code INSERT … ON CONFLICT} stays {@link #INSERT}. */
    MERGE,
    /** Session statements: {@code SET …} (search_path, schema, RLS setting, others) and {@code USE}. */
    SET,
    /** Code the database runs that the statement does not show: {@code CALL}, {@code EXECUTE}, {@code PREPARE}, {@code DO}. */
    CALL,
    /** {@code COPY … TO / FROM}. */
    COPY,
    OTHER;

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
            case "CALL":
            case "EXEC":
            case "EXECUTE":
            case "PREPARE":
            case "DO":
                return CALL;
            case "COPY":
                return COPY;
            default:
                return OTHER;
        }
    }
}
