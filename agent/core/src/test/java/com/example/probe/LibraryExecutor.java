package com.example.probe;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An executor as a library would write one, loaded after the agent started: its own queue, and
 * one worker thread started lazily by the first {@code execute} — as the submitter's tenant is in
 * context, which the worker must not keep.
 */
public final class LibraryExecutor implements Executor {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private Thread worker;

    @Override
    public synchronized void execute(Runnable command) {
        queue.add(command);
        if (worker == null) {
            worker = new Thread(this::work, "library-worker");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void work() {
        try {
            while (true) {
                queue.take().run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
