package dev.tenantguard.agent.tooling;

import java.util.ArrayList;
import java.util.List;

/** Hooks for the weaving tests: each call is recorded. */
public final class WeaveRecorder {
    public static final List<String> CALLS = new ArrayList<>();

    private WeaveRecorder() {
    }

    public static String enter(Object self, long start, int count) {
        CALLS.add("enter " + start + " " + count);
        return "state-" + count;
    }

    public static String enterText(Object self, String text) {
        CALLS.add("enter " + text);
        return "state-" + text;
    }

    public static void exit(String state) {
        CALLS.add("exit " + state);
    }

    public static Runnable wrap(Runnable task) {
        CALLS.add("wrap");
        return () -> {
            CALLS.add("wrapped");
            task.run();
        };
    }

    public static Runnable constructed(Runnable task) {
        CALLS.add("constructed");
        return task;
    }

    public static void replaced(Runnable task) {
        CALLS.add("replaced");
        task.run();
    }
}
