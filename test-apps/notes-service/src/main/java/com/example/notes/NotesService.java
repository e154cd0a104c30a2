package com.example.notes;

import com.example.notes.billing.BillingClient;
import com.example.notes.cache.NoteCache;
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
import com.example.notes.jobs.JobQueue;
import com.example.notes.jobs.Reminders;
import com.example.notes.jobs.WeeklyDigest;
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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notes service: notes in H2, attachments, exports and the search index on disk under
 * {@code <data>/tenants/<tenant>/}, notes cached in Redis, background jobs over RabbitMQ, and billing
 * told of every note created. Tenant endpoints are under {@code /} (tenant from {@code X-Tenant-ID});
 * operators' endpoints under {@code /admin/}.
 */
public final class NotesService implements AutoCloseable {
    private static final Duration EXPORT_RETENTION = Duration.ofDays(30);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final IndexWorker indexer;
    private final ScheduledExecutorService nightly;
    private final NoteCache cache;
    private final JobQueue jobs;
    private final String instance;

    private NotesService(HttpServer server, ExecutorService handlers, IndexWorker indexer, ScheduledExecutorService nightly,
            NoteCache cache, JobQueue jobs, String instance) {
        this.server = server;
        this.handlers = handlers;
        this.indexer = indexer;
        this.nightly = nightly;
        this.cache = cache;
        this.jobs = jobs;
        this.instance = instance;
    }

    /** Starts the service on 127.0.0.1:{@code port} (0: any free port), with Redis and RabbitMQ on their usual ports there. */
    public static NotesService start(Path dataDir, int port, URI billingBase) throws Exception {
        return start(dataDir, port, billingBase, "127.0.0.1", 6379, "127.0.0.1", 5672);
    }

    /** Starts the service on 127.0.0.1:{@code port} (0: any free port). */
    public static NotesService start(Path dataDir, int port, URI billingBase, String redisHost, int redisPort,
            String rabbitHost, int rabbitPort) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // names this service's keys and exchange: services sharing a Redis or a broker never see each other's
        String instance = UUID.randomUUID().toString().substring(0, 8);
        Database db = Database.createInMemory();
        TenantFolders folders = new TenantFolders(dataDir);
        Files.createDirectories(folders.root());
        NoteRepository notes = new NoteRepository(db);
        SearchIndex index = new SearchIndex(folders);
        IndexWorker indexer = new IndexWorker(notes, index);
        NoteCache cache = new NoteCache(redisHost, redisPort, instance);
        Reminders reminders = new Reminders(notes, folders);
        WeeklyDigest digest = new WeeklyDigest(notes, folders);
        JobQueue jobs = JobQueue.start(rabbitHost, rabbitPort, instance, (kind, tenant, body) -> {
            if (kind.equals(Reminders.KIND)) {
                reminders.run(tenant, body);
            } else if (kind.equals(WeeklyDigest.KIND)) {
                digest.run(tenant);
            }
        });
        NotesApi api = new NotesApi(notes, new AttachmentRepository(db), new AttachmentStore(folders),
                new NoteExporter(folders), index, indexer, new BillingClient(billingBase), cache, jobs, reminders);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        HttpContext tenantEndpoints = server.createContext("/", api.routes());
        tenantEndpoints.getFilters().add(new TenantFilter());
        ExportRetention retention = new ExportRetention(folders);
        server.createContext("/admin/", adminRoutes(notes, retention, digest, jobs));
        ExecutorService handlers = Executors.newFixedThreadPool(4, namedThreads("http-"));
        server.setExecutor(handlers);
        ScheduledExecutorService nightly = Executors.newSingleThreadScheduledExecutor(namedThreads("nightly-"));
        nightly.scheduleAtFixedRate(() -> runRetention(retention), 1, 1, TimeUnit.DAYS);
        indexer.start();
        server.start();
        return new NotesService(server, handlers, indexer, nightly, cache, jobs, instance);
    }

    /** Operators' endpoints: no tenant; what reads across tenants does so in an audited privileged scope. */
    private static Router adminRoutes(NoteRepository notes, ExportRetention retention, WeeklyDigest digest, JobQueue jobs) {
        return new Router()
                .add("GET", "/admin/stats", r -> notesPerTenant(notes))
                .add("POST", "/admin/jobs/digest", r -> Response.ok(Json.write(Map.of("queued", digest.queueAll(jobs)))))
                .add("GET", "/admin/jobs", r -> {
                    long[] counts = jobs.counts();
                    return Response.ok(Json.write(Map.of("done", counts[0], "dropped", counts[1], "failed", counts[2])));
                })
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

    /** Names this service's Redis keys ({@code notes-<instance>:…}) and job exchange ({@code notes-jobs-<instance>}). */
    public String instance() {
        return instance;
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
        try {
            jobs.close();
        } catch (java.io.IOException e) {
            System.err.println("notes-service: closing the broker connection failed: " + e);
        }
        cache.close();
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return work -> new Thread(work, prefix + n.incrementAndGet());
    }
}
