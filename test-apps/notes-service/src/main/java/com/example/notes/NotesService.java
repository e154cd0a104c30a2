package com.example.notes;

import com.example.notes.billing.BillingClient;
import com.example.notes.db.AttachmentRepository;
import com.example.notes.db.Database;
import com.example.notes.db.NoteRepository;
import com.example.notes.files.AttachmentStore;
import com.example.notes.files.ExportRetention;
import com.example.notes.files.NoteExporter;
import com.example.notes.files.SearchIndex;
import com.example.notes.files.TenantFolders;
import com.example.notes.http.Json;
import com.example.notes.http.Response;
import com.example.notes.http.Router;
import com.example.notes.http.TenantFilter;
import com.example.notes.index.IndexWorker;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.tenantguard.api.TenantContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notes service: notes in H2, attachments, exports and the search index on disk under
 * {@code <data>/tenants/<tenant>/}, and billing told of every note created. Tenant endpoints are
 * under {@code /} (tenant from {@code X-Tenant-ID}); operators' endpoints under {@code /admin/}.
 */
public final class NotesService implements AutoCloseable {
    private static final Duration EXPORT_RETENTION = Duration.ofDays(30);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final IndexWorker indexer;
    private final ScheduledExecutorService nightly;

    private NotesService(HttpServer server, ExecutorService handlers, IndexWorker indexer, ScheduledExecutorService nightly) {
        this.server = server;
        this.handlers = handlers;
        this.indexer = indexer;
        this.nightly = nightly;
    }

    /** Starts the service on 127.0.0.1:{@code port} (0: any free port). */
    public static NotesService start(Path dataDir, int port, URI billingBase) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Database db = Database.createInMemory();
        TenantFolders folders = new TenantFolders(dataDir);
        Files.createDirectories(folders.root());
        NoteRepository notes = new NoteRepository(db);
        SearchIndex index = new SearchIndex(folders);
        IndexWorker indexer = new IndexWorker(notes, index);
        NotesApi api = new NotesApi(notes, new AttachmentRepository(db), new AttachmentStore(folders),
                new NoteExporter(folders), index, indexer, new BillingClient(billingBase));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        HttpContext tenantEndpoints = server.createContext("/", api.routes());
        tenantEndpoints.getFilters().add(new TenantFilter());
        ExportRetention retention = new ExportRetention(folders);
        server.createContext("/admin/", adminRoutes(notes, retention));
        ExecutorService handlers = Executors.newFixedThreadPool(4, namedThreads("http-"));
        server.setExecutor(handlers);
        ScheduledExecutorService nightly = Executors.newSingleThreadScheduledExecutor(namedThreads("nightly-"));
        nightly.scheduleAtFixedRate(() -> runRetention(retention), 1, 1, TimeUnit.DAYS);
        indexer.start();
        server.start();
        return new NotesService(server, handlers, indexer, nightly);
    }

    /** Operators' endpoints: no tenant; what reads across tenants does so in an audited privileged scope. */
    private static Router adminRoutes(NoteRepository notes, ExportRetention retention) {
        return new Router()
                .add("GET", "/admin/stats", r -> notesPerTenant(notes))
                .add("POST", "/admin/jobs/export-retention", r -> {
                    String days = r.query("olderThanDays");
                    Duration maxAge = days == null ? EXPORT_RETENTION : Duration.ofDays(Long.parseLong(days));
                    return Response.ok(Json.write(Map.of("deleted", retention.deleteOlderThan(maxAge))));
                });
    }

    private static void runRetention(ExportRetention retention) {
        try {
            retention.deleteOlderThan(EXPORT_RETENTION);
        } catch (Exception e) {
            System.err.println("notes-service: nightly export retention failed: " + e);
        }
    }

    private static Response notesPerTenant(NoteRepository notes) throws Exception {
        return Response.ok(Json.write(TenantContext.privileged("operators' dashboard: notes per tenant", notes::countByTenant)));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        nightly.shutdownNow();
        handlers.shutdown();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
        indexer.close();
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return work -> new Thread(work, prefix + n.incrementAndGet());
    }
}
