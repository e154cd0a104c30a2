package com.example.notes.index;

import com.example.notes.db.NoteRepository;
import com.example.notes.files.SearchIndex;
import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Indexes notes for search in the background. Requests queue a job and answer at once; one worker
 * thread takes the jobs in batches: edits come in bursts, so it waits {@link #BATCH_WINDOW} after
 * the first job of a batch and indexes everything queued by then in one pass.
 */
public final class IndexWorker implements AutoCloseable {
    static final Duration BATCH_WINDOW = Duration.ofMillis(250);

    /** One note to index, for the tenant whose request queued it. */
    record Job(String tenant, long noteId) {
    }

    private final NoteRepository notes;
    private final SearchIndex index;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Map<Job, String> states = new ConcurrentHashMap<>();
    private final Thread thread;

    public IndexWorker(NoteRepository notes, SearchIndex index) {
        this.notes = notes;
        this.index = index;
        this.thread = new Thread(this::work, "index-worker");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Queues a note of {@code tenant} for indexing. */
    public void submit(String tenant, long noteId) {
        Job job = new Job(tenant, noteId);
        states.put(job, "queued");
        queue.add(job);
    }

    /** {@code queued}, {@code done}, {@code failed: <reason>}, or null if the note was never queued. */
    public String state(String tenant, long noteId) {
        return states.get(new Job(tenant, noteId));
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Job> batch = new ArrayList<>();
                batch.add(queue.take());
                Thread.sleep(BATCH_WINDOW.toMillis());
                queue.drainTo(batch);
                runBatch(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * PLANTED BUG (async job with the wrong tenant): the batch runs in one tenant scope, opened for
     * its first job — fine while a batch is one tenant's burst of edits, wrong as soon as two tenants
     * edit within the same window: the later jobs read their tenant's note while another tenant is
     * current, and {@link SearchIndex} (the index of the tenant in context) files it under the first
     * tenant, whose search then shows the other tenant's note. The scope belongs inside the loop,
     * one per job.
     */
    private void runBatch(List<Job> batch) {
        try (TenantScope ignored = TenantContext.open(batch.get(0).tenant())) {
            for (Job job : batch) {
                index(job);
            }
        }
    }

    private void index(Job job) {
        try {
            String text = notes.textOf(job.tenant(), job.noteId()).orElse(null);
            if (text == null) {
                states.put(job, "failed: no such note");
                return;
            }
            String title = text.substring(0, text.indexOf('\n'));
            index.add(job.noteId(), title, text);
            states.put(job, "done");
        } catch (Exception e) {
            states.put(job, "failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
