package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * File I/O under a tenant rule: open+close (the cheapest guarded call: nothing hides the check),
 * a 1 KiB read and a small write. With tenant {@code acme} in context the files are acme's (the
 * allow path); in the report arm they are another tenant's (the deny path: recorded, deduplicated,
 * let through). The SecurityManager arm checks the same opens against its file policy.
 */
@InArms({BenchArm.NO_AGENT, BenchArm.TG_ENFORCE, BenchArm.TG_REPORT, BenchArm.SECURITY_MANAGER})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FileIoBenchmark {
    private static final String LINE = "order 1001: 12 anvils\n";

    private File file;
    private Path path;
    private Path written;
    private File outsideFile;
    private TenantScope scope;

    /** On the benchmark thread (thread-scoped state), so acme is current in the benchmark methods. */
    @Setup(Level.Trial)
    public void setUp() {
        Path dir = BenchFixture.fromSystemProperty();
        boolean deny = ArmCheck.denyPath();
        path = dir.resolve(deny ? BenchFixture.OTHER_TENANT_FILE : BenchFixture.OWN_TENANT_FILE);
        file = path.toFile();
        written = dir.resolve(deny ? BenchFixture.OTHER_TENANT_WRITTEN : BenchFixture.OWN_TENANT_WRITTEN);
        outsideFile = dir.resolve(BenchFixture.OUTSIDE_FILE).toFile();
        scope = TenantContext.open(BenchFixture.TENANT);
        Path other = dir.resolve(BenchFixture.OTHER_TENANT_FILE);
        ArmCheck.crossing("opening a file", other.toString(), true, () -> {
            new FileInputStream(other.toFile()).close();
            return null;
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (scope != null) {
            scope.close();
        }
    }

    /**
     * The tenant is entered for each iteration, inside the task JMH runs it in: with the agent's
     * context propagation, a scope still open when a pool task ends is a context leak and the worker
     * is put back clean, so a scope held from the trial's set-up would be gone from the second
     * iteration on. The trial's set-up keeps its scope for the first iteration.
     */
    @Setup(Level.Iteration)
    public void enterTenant() {
        if (scope == null) {
            scope = TenantContext.open(BenchFixture.TENANT);
        }
    }

    @TearDown(Level.Iteration)
    public void leaveTenant() {
        scope.close();
        scope = null;
    }

    /** {@code new FileInputStream(f).close()}. */
    @Benchmark
    public FileInputStream fileInputStreamOpenClose() throws IOException {
        FileInputStream in = new FileInputStream(file);
        in.close();
        return in; // returned values go to JMH's blackhole
    }

    /** The same on a path no rule covers: the agent only has to find that out. */
    @Benchmark
    public FileInputStream fileInputStreamOpenCloseOutsideRules() throws IOException {
        FileInputStream in = new FileInputStream(outsideFile);
        in.close();
        return in;
    }

    /** {@code File.exists()}: a metadata read, guarded with {@code files.metadata: true} (the default). */
    @Benchmark
    public boolean fileExists() {
        return file.exists();
    }

    /** {@code Files.size}: the NIO metadata read. */
    @Benchmark
    public long filesSize() throws IOException {
        return Files.size(path);
    }

    /** {@code Files.readAllBytes} of 1 KiB. */
    @Benchmark
    public byte[] filesReadAllBytes1KiB() throws IOException {
        return Files.readAllBytes(path);
    }

    /** {@code Files.newBufferedWriter}, one line, close (truncates: the file stays small). */
    @Benchmark
    public Path filesNewBufferedWriter() throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
            out.write(LINE);
        }
        return written;
    }
}
