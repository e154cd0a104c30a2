package dev.tenantguard.agent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReportSink} that keeps every write, for tests. Public, with {@link #reporter}, so tests
 * of other packages can build a real {@link ViolationReporter} over it.
 */
public final class CollectingSink implements ReportSink {

    /** One {@link ReportSink#write} call. */
    public record Write(ViolationEvent event, long count) {
    }

    private final List<Write> writes = new ArrayList<>();
    private int closes;

    /** A reporter writing to {@code sinks} only. */
    public static ViolationReporter reporter(CollectingSink... sinks) {
        return new ViolationReporter(List.of(sinks));
    }

    @Override
    public synchronized void write(ViolationEvent event, long count) {
        writes.add(new Write(event, count));
    }

    @Override
    public synchronized void close() {
        closes++;
    }

    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    public synchronized List<Long> counts() {
        List<Long> counts = new ArrayList<>();
        for (Write write : writes) {
            counts.add(write.count());
        }
        return counts;
    }

    public synchronized int closes() {
        return closes;
    }

    public synchronized void clear() {
        writes.clear();
    }
}
