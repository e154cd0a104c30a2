package com.example.probe.admin;

/** An administrative caller, listed in {@code exempt.callers} by the tests. */
public final class AdminTask {
    private AdminTask() {
    }

    public static void run(Runnable work) {
        work.run();
    }
}
