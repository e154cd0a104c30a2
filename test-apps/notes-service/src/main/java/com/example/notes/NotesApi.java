package com.example.notes;

import com.example.notes.billing.BillingClient;
import com.example.notes.cache.NoteCache;
import com.example.notes.db.AttachmentRepository;
import com.example.notes.db.Note;
import com.example.notes.db.NoteRepository;
import com.example.notes.files.AttachmentStore;
import com.example.notes.files.NoteExporter;
import com.example.notes.files.SearchIndex;
import com.example.notes.http.HttpError;
import com.example.notes.http.Json;
import com.example.notes.http.Request;
import com.example.notes.http.Response;
import com.example.notes.http.Router;
import com.example.notes.index.IndexWorker;
import com.example.notes.jobs.JobQueue;
import com.example.notes.jobs.Reminders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The tenant-facing endpoints. Each handler works for {@link Request#tenant()}, set by the tenant filter. */
final class NotesApi {
    private final NoteRepository notes;
    private final AttachmentRepository attachments;
    private final AttachmentStore files;
    private final NoteExporter exporter;
    private final SearchIndex index;
    private final IndexWorker indexer;
    private final BillingClient billing;
    private final NoteCache cache;
    private final JobQueue jobs;
    private final Reminders reminders;

    NotesApi(NoteRepository notes, AttachmentRepository attachments, AttachmentStore files, NoteExporter exporter,
            SearchIndex index, IndexWorker indexer, BillingClient billing, NoteCache cache, JobQueue jobs,
            Reminders reminders) {
        this.notes = notes;
        this.attachments = attachments;
        this.files = files;
        this.exporter = exporter;
        this.index = index;
        this.indexer = indexer;
        this.billing = billing;
        this.cache = cache;
        this.jobs = jobs;
        this.reminders = reminders;
    }

    Router routes() {
        return new Router()
                .add("GET", "/notes/suggest", this::suggest) // before /notes/{id}
                .add("GET", "/notes/recent", this::recent)
                .add("POST", "/notes", this::create)
                .add("GET", "/notes", r -> Response.ok(Json.write(notes.list(r.tenant()).stream().map(Note::toJson).toList())))
                .add("GET", "/notes/{id}", this::get)
                .add("PUT", "/notes/{id}/title", this::rename)
                .add("DELETE", "/notes/{id}", this::delete)
                .add("POST", "/notes/{id}/attachments/{name}", this::upload)
                .add("GET", "/notes/{id}/attachments", r -> Response.ok(Json.write(attachments.names(r.tenant(), owned(r).id()))))
                .add("GET", "/notes/{id}/attachments/{name}", this::download)
                .add("POST", "/notes/{id}/index", this::queueIndexing)
                .add("GET", "/notes/{id}/index", this::indexState)
                .add("POST", "/notes/{id}/reminders", this::remind)
                .add("GET", "/reminders", r -> Response.ok(Json.write(reminders.list(r.tenant()))))
                .add("GET", "/search", r -> Response.ok(Json.write(index.search(required(r.query("q"), "q")))))
                .add("POST", "/exports", this::export)
                .add("GET", "/exports", r -> Response.ok(Json.write(exporter.list(r.tenant()))))
                .add("GET", "/usage", this::usage);
    }

    private Response create(Request r) throws Exception {
        long id = notes.create(r.tenant(), r.requiredForm("title"), r.requiredForm("body"));
        billing.noteCreated(r.tenant());
        return Response.json(201, Json.write(Map.of("id", id)));
    }

    private Response get(Request r) throws Exception {
        long id = r.pathLong("id");
        String cached = cache.note(r.tenant(), id).orElse(null);
        if (cached == null) {
            cached = Json.write(owned(r).toJson());
            cache.putNote(r.tenant(), id, cached);
        }
        return Response.ok(cached);
    }

    private Response recent(Request r) throws Exception {
        int count = 5;
        List<String> titles = cache.recentTitles(count).orElse(null);
        if (titles == null) {
            List<Note> all = notes.list(r.tenant());
            titles = all.subList(Math.max(0, all.size() - count), all.size()).stream().map(Note::title).toList();
            cache.putRecentTitles(count, titles);
        }
        return Response.ok(Json.write(titles));
    }

    private Response rename(Request r) throws Exception {
        if (!notes.rename(r.pathLong("id"), r.requiredForm("title"))) {
            throw HttpError.notFound("no note " + r.path("id"));
        }
        cache.evictNote(r.tenant(), r.pathLong("id"));
        return Response.noContent();
    }

    private Response delete(Request r) throws Exception {
        Note note = owned(r);
        files.deleteAll(r.tenant(), note.id());
        attachments.deleteAll(r.tenant(), note.id());
        notes.delete(r.tenant(), note.id());
        cache.evictNote(r.tenant(), note.id());
        return Response.noContent();
    }

    private Response suggest(Request r) throws Exception {
        List<String> titles = notes.suggest(r.tenant(), required(r.query("q"), "q")).stream().map(Note::title).toList();
        return Response.ok(Json.write(titles));
    }

    private Response upload(Request r) throws Exception {
        Note note = owned(r);
        long size = files.save(r.tenant(), note.id(), r.path("name"), r.body());
        attachments.record(r.tenant(), note.id(), r.path("name"), size);
        return Response.json(201, Json.write(Map.of("name", r.path("name"), "size", size)));
    }

    private Response download(Request r) throws Exception {
        Note note = owned(r);
        return Response.bytes(files.read(r.tenant(), note.id(), r.path("name")));
    }

    private Response queueIndexing(Request r) throws Exception {
        indexer.submit(r.tenant(), owned(r).id());
        return Response.json(202, Json.write(Map.of("state", "queued")));
    }

    /** Queues a reminder of the note: the job runs on the service's job consumer, as the tenant. */
    private Response remind(Request r) throws Exception {
        jobs.publish(r.tenant(), Reminders.KIND, Long.toString(owned(r).id()));
        return Response.json(202, Json.write(Map.of("state", "queued")));
    }

    private Response indexState(Request r) {
        String state = indexer.state(r.tenant(), r.pathLong("id"));
        if (state == null) {
            throw HttpError.notFound("note " + r.path("id") + " was never queued for indexing");
        }
        return Response.ok(Json.write(Map.of("state", state)));
    }

    private Response export(Request r) throws Exception {
        Path file = exporter.exportCsv(r.tenant(), notes.list(r.tenant()));
        return Response.json(201, Json.write(Map.of("file", file.getFileName().toString())));
    }

    /**
     * PLANTED BUG (outbound call for the wrong tenant): {@code account} was added for the support
     * console, which looks up any customer's usage, and the public endpoint accepts it too: a tenant
     * that passes {@code ?account=globex} gets globex's usage from billing. Only the support console's
     * own endpoint should read it.
     */
    private Response usage(Request r) throws Exception {
        String account = r.query("account") != null ? r.query("account") : r.tenant();
        return Response.ok(Json.write(Map.of("tenant", account, "notesCreated", billing.notesCreated(account))));
    }

    private Note owned(Request r) throws Exception {
        return notes.find(r.tenant(), r.pathLong("id")).orElseThrow(() -> HttpError.notFound("no note " + r.path("id")));
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw HttpError.badRequest("missing " + name);
        }
        return value;
    }
}
