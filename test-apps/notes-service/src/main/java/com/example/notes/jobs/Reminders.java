package com.example.notes.jobs;

import com.example.notes.db.Note;
import com.example.notes.db.NoteRepository;
import com.example.notes.files.TenantFolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Reminder jobs: each names a note; run on the job consumer, in the tenant of the request that queued
 * it, it appends the note's title to the tenant's {@code reminders.txt}.
 */
public final class Reminders {
    public static final String KIND = "reminder";

    private final NoteRepository notes;
    private final TenantFolders folders;

    public Reminders(NoteRepository notes, TenantFolders folders) {
        this.notes = notes;
        this.folders = folders;
    }

    /** Runs one reminder job of {@code tenant}. */
    public void run(String tenant, String noteId) throws Exception {
        Optional<Note> note = notes.find(tenant, Long.parseLong(noteId));
        if (note.isEmpty()) {
            return; // deleted since it was queued
        }
        Path file = file(tenant);
        Files.createDirectories(file.getParent());
        Files.writeString(file, note.get().title() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The titles of the tenant's reminders so far. */
    public List<String> list(String tenant) throws Exception {
        Path file = file(tenant);
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private Path file(String tenant) {
        return folders.tenant(tenant).resolve("reminders.txt");
    }
}
