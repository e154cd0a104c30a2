package dev.tenantguard.bench;

import dev.tenantguard.api.TenantContext;
import dev.tenantguard.api.TenantScope;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
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
 * Opening and closing a 128-byte file, the cheapest guarded call: any cost the agent adds is not
 * hidden behind reading. {@link BenchmarkRunner} runs it without the agent and with it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FileOpenBenchmark {
    private File ownTenantFile;
    private File outsideFile;
    private TenantScope scope;

    /**
     * Runs on the benchmark thread (thread-scoped state), so the tenant opened here is the one
     * the benchmark methods run with.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        java.nio.file.Path dir = BenchFixture.fromSystemProperty();
        ownTenantFile = dir.resolve(BenchFixture.OWN_TENANT_FILE).toFile();
        outsideFile = dir.resolve(BenchFixture.OUTSIDE_FILE).toFile();
        scope = TenantContext.open(BenchFixture.TENANT);
        checkAgentState(dir.resolve(BenchFixture.OTHER_TENANT_FILE).toFile());
    }

    /**
     * A ratio against an agent that is not enforcing would be meaningless: in the agent arm
     * another tenant's file must be refused, without it it must open.
     */
    private static void checkAgentState(File otherTenantFile) throws IOException {
        boolean agentExpected = Boolean.getBoolean(BenchFixture.AGENT_PROPERTY);
        boolean refused;
        try {
            new FileInputStream(otherTenantFile).close();
            refused = false;
        } catch (SecurityException expectedWithAgent) {
            refused = true;
        }
        if (refused != agentExpected) {
            throw new IllegalStateException(agentExpected
                    ? "the agent did not refuse another tenant's file: it is not enforcing in this fork"
                    : "another tenant's file was refused in the arm without the agent");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scope.close();
    }

    /** The allow path: tenant acme opens a file under the rule, in its own tenant's directory. */
    @Benchmark
    public FileInputStream openCloseOwnTenant() throws IOException {
        FileInputStream in = new FileInputStream(ownTenantFile);
        in.close();
        return in; // returned values go to JMH's blackhole
    }

    /** A path no rule covers: the agent only has to find that out. */
    @Benchmark
    public FileInputStream openCloseOutsideRules() throws IOException {
        FileInputStream in = new FileInputStream(outsideFile);
        in.close();
        return in;
    }
}
