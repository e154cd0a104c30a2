package com.example.notes.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Notes in the shared {@code notes} table. Every method names the tenant it works for. */
public final class NoteRepository {
    private static final String COLUMNS = "id, tenant_id, title, body";

    private final Database db;

    public NoteRepository(Database db) {
        this.db = db;
    }

    public long create(String tenant, String title, String body) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO notes (tenant_id, title, body) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, tenant);
            ps.setString(2, title);
            ps.setString(3, body);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public Optional<Note> find(String tenant, long id) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notes WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, tenant);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return notes(rs).stream().findFirst();
            }
        }
    }

    public List<Note> list(String tenant) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notes WHERE tenant_id = ? ORDER BY id")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return notes(rs);
            }
        }
    }

    public boolean delete(String tenant, long id) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("DELETE FROM notes WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, tenant);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Renames a note; true if a note was renamed.
     *
     * <p>PLANTED BUG (IDOR): written for the support console, where ids are trusted, and reused by
     * the public {@code PUT /notes/{id}/title}: the statement has no tenant predicate, so any tenant
     * renames any note by guessing its id. It should take the tenant and add {@code AND tenant_id = ?}.
     */
    public boolean rename(long id, String title) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE notes SET title = ? WHERE id = ?")) {
            ps.setString(1, title);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Notes whose title starts with {@code prefix} or whose body has the hashtag {@code #prefix}: the
     * search box's suggestions.
     *
     * <p>PLANTED BUG (search without tenant): {@code AND} binds tighter than {@code OR}, so the tenant
     * predicate only guards the title branch; the body branch matches every tenant's notes. The two
     * branches need parentheses: {@code tenant_id = ? AND (title LIKE ? OR body LIKE ?)}.
     */
    public List<Note> suggest(String tenant, String prefix) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM notes WHERE tenant_id = ? AND title LIKE ? OR body LIKE ? ORDER BY id")) {
            ps.setString(1, tenant);
            ps.setString(2, prefix + "%");
            ps.setString(3, "%#" + prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                return notes(rs);
            }
        }
    }

    /** Title and body of one note, as the search indexer reads them. */
    public Optional<String> textOf(String tenant, long id) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT title, body FROM notes WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, tenant);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1) + "\n" + rs.getString(2)) : Optional.empty();
            }
        }
    }

    /** Notes per tenant, across all tenants: for operators only (run it in a privileged scope). */
    public Map<String, Long> countByTenant() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT tenant_id, COUNT(*) FROM notes GROUP BY tenant_id ORDER BY tenant_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static List<Note> notes(ResultSet rs) throws SQLException {
        List<Note> notes = new ArrayList<>();
        while (rs.next()) {
            notes.add(new Note(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
        return notes;
    }
}
