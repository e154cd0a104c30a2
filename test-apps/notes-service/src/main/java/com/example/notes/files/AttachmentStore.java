package com.example.notes.files;

import com.example.notes.http.HttpError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The bytes of note attachments, one folder per note under the tenant's folder. */
public final class AttachmentStore {
    private final TenantFolders folders;

    public AttachmentStore(TenantFolders folders) {
        this.folders = folders;
    }

    /** Stores an upload; returns its size. */
    public long save(String tenant, long noteId, String name, byte[] content) throws IOException {
        Path dir = folders.note(tenant, noteId);
        Files.createDirectories(dir);
        Files.write(dir.resolve(checkedName(name)), content);
        return content.length;
    }

    /**
     * The download.
     *
     * <p>PLANTED BUG (path traversal): the name is normalized and checked to stay under the data
     * folder of <em>all</em> tenants instead of this note's folder, so
     * {@code ../../../globex/notes/7/plan.txt} passes the check and reads another tenant's file.
     * The check should be {@code file.startsWith(folders.note(tenant, noteId))}, or the upload's
     * {@link #checkedName}.
     */
    public byte[] read(String tenant, long noteId, String name) throws IOException {
        Path file = folders.note(tenant, noteId).resolve(name).normalize();
        if (!file.startsWith(folders.root())) {
            throw HttpError.badRequest("bad attachment name: " + name);
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw HttpError.notFound("no attachment " + name);
        }
    }

    /** Removes a note's folder and everything in it. */
    public void deleteAll(String tenant, long noteId) throws IOException {
        Path dir = folders.note(tenant, noteId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(dir)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.delete(p);
        }
    }

    /** An attachment name is one path segment: no separators, no dot segments. */
    static String checkedName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw HttpError.badRequest("bad attachment name: " + name);
        }
        return name;
    }
}
