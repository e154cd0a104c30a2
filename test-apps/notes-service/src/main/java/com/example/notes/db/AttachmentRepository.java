package com.example.notes.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What is attached to which note ({@code attachments} table); the bytes are on disk. */
public final class AttachmentRepository {
    private final Database db;

    public AttachmentRepository(Database db) {
        this.db = db;
    }

    /** Records an upload, replacing the entry of an earlier upload with the same name. */
    public void record(String tenant, long noteId, String name, long size) throws SQLException {
        try (Connection c = db.connect()) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE attachments SET size = ? WHERE tenant_id = ? AND note_id = ? AND name = ?")) {
                update.setLong(1, size);
                update.setString(2, tenant);
                update.setLong(3, noteId);
                update.setString(4, name);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO attachments (tenant_id, note_id, name, size) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, tenant);
                insert.setLong(2, noteId);
                insert.setString(3, name);
                insert.setLong(4, size);
                insert.executeUpdate();
            }
        }
    }

    /** Names of a note's attachments, sorted. */
    public List<String> names(String tenant, long noteId) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT name FROM attachments WHERE tenant_id = ? AND note_id = ? ORDER BY name")) {
            ps.setString(1, tenant);
            ps.setLong(2, noteId);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    public void deleteAll(String tenant, long noteId) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("DELETE FROM attachments WHERE tenant_id = ? AND note_id = ?")) {
            ps.setString(1, tenant);
            ps.setLong(2, noteId);
            ps.executeUpdate();
        }
    }
}
