package dev.tenantguard.agent.jdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tenantguard.agent.jdbc.sql.PinnedColumns.Pin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columns a statement pins to one value, as observation reads them. */
class PinnedColumnsTest {

    @Test
    void whereAndInsertPinsWithTheirParameterIndexes() {
        assertEquals(new PinnedColumns("SELECT", List.of("notes"), List.of(new Pin("notes", "tenant_id", 1, null),
                        new Pin("notes", "id", 2, null))),
                PinnedColumns.of("SELECT id, title FROM notes WHERE tenant_id = ? AND id = ?"));
        assertEquals(new PinnedColumns("UPDATE", List.of("attachments"), List.of(new Pin("attachments", "tenant_id", 2, null))),
                PinnedColumns.of("UPDATE attachments SET size = ? WHERE tenant_id = ? AND note_id > ?"));
        assertEquals(new PinnedColumns("INSERT", List.of("notes"), List.of(new Pin("notes", "tenant_id", 1, null),
                        new Pin("notes", "title", 0, "x"))),
                PinnedColumns.of("INSERT INTO notes (tenant_id, title) VALUES (?, 'x')"));
        assertEquals(new PinnedColumns("DELETE", List.of("notes"), List.of(new Pin("notes", "tenant_id", 0, "acme"))),
                PinnedColumns.of("DELETE FROM notes WHERE 'acme' = tenant_id"));
    }

    @Test
    void joinsResolveAliasesAndAnOrPinsNothing() {
        assertEquals(new PinnedColumns("SELECT", List.of("notes", "attachments"),
                        List.of(new Pin("attachments", "tenant_id", 1, null), new Pin("notes", "tenant_id", 2, null))),
                PinnedColumns.of("SELECT a.name FROM notes n JOIN attachments a ON a.note_id = n.id"
                        + " WHERE a.tenant_id = ? AND n.tenant_id = ?"));
        assertEquals(new PinnedColumns("SELECT", List.of("notes"), List.of()),
                PinnedColumns.of("SELECT * FROM notes WHERE tenant_id = ? AND title LIKE ? OR body LIKE ?"));
    }

    @Test
    void whatCannotBeToldGivesNothing() {
        assertNull(PinnedColumns.of("SELECT * FROM (SELECT * FROM notes) x WHERE x.tenant_id = ?"));
        assertNull(PinnedColumns.of("not sql at all"));
        assertNull(PinnedColumns.of("CREATE TABLE t (id INT)"));
    }
}
