package dev.tenantguard.agent.tooling;

import java.util.ArrayList;
import java.util.List;

/** A class to weave in tests: loops, handlers, wide arguments and a constructor, as the JDK's have. */
public class WeaveTarget {
    public final List<String> seen = new ArrayList<>();
    public Runnable task;

    public WeaveTarget(Runnable task) {
        this.task = task;
    }

    public long sum(long start, double factor, int count) {
        long total = start;
        for (int i = 0; i < count; i++) {
            try {
                if (i == 3) {
                    throw new IllegalStateException("caught inside");
                }
                total += (long) (i * factor);
            } catch (IllegalStateException e) {
                seen.add(e.getMessage());
            }
        }
        return total;
    }

    public String fail(String message) {
        String local = message + "!";
        if (local.length() > 1) {
            throw new IllegalArgumentException(local);
        }
        return local;
    }

    public void execute(Runnable other) {
        other.run();
    }

    public void runTask() {
        task.run();
    }
}
