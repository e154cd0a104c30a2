package dev.tenantguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.http.HttpChecker;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.PathNormalizer;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.agent.policy.UrlRules;
import dev.tenantguard.agent.report.CollectingSink;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.TestThreads;
import dev.tenantguard.internal.ThreadState;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code report.observe} off (the checkers hold no observations) the allow paths that observation
 * hooks into stay allocation-free: a file under the tenant's own rule, a path under no rule, a host no
 * URL rule names. Measured with the thread's allocated-bytes counter after warm-up.
 */
class ObserveOffAllowPathAllocationTest {
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;

    @TempDir
    Path dir;

    private final CollectingSink sink = new CollectingSink();
    private final BoundaryEnforcer enforcer = new BoundaryEnforcer(CollectingSink.reporter(sink), new CallerPatterns(List.of()),
            NoTenantResponse.ENFORCE, 12);

    @AfterEach
    void clear() {
        ThreadState.current().tenant(TestThreads.KEY, null);
    }

    @Test
    void ownFilesAndFilesUnderNoRuleAllocateNothing() throws Exception {
        Path own = Files.createDirectories(dir.resolve("tenants/acme")).resolve("a.txt");
        Path free = dir.resolve("free.txt");
        Files.writeString(own, "a");
        Files.writeString(free, "b");
        PathNormalizer normalizer = new PathNormalizer(dir.toString());
        FileAccessChecker checker = new FileAccessChecker(new PathRules(List.of(dir + "/tenants/{tenant}/**"), normalizer),
                Mode.ENFORCE, enforcer, true, null);
        ThreadState state = ThreadState.current();
        state.tenant(TestThreads.KEY, "acme");
        String ownPath = own.toString();
        String freePath = free.toString();
        checker.check(freePath, FileOp.READ, state); // learns that the path under no rule leads to itself
        long bytes = allocatedBy(() -> {
            checker.check(ownPath, FileOp.READ, state);
            if (checker.coversFile(freePath)) {
                throw new AssertionError("a known path under no rule is left to the JDK");
            }
        });
        assertEquals(List.of(), sink.writes());
        assertTrue(bytes < 4_096, bytes + " bytes allocated by " + MEASURED + " allowed file operations");
    }

    @Test
    void aHostNoRuleNamesAllocatesNothing() {
        HttpChecker checker = new HttpChecker(new UrlRules(List.of("https://{tenant}.api.example.com/**")), Mode.ENFORCE,
                enforcer, null, null, null);
        assertFalse(checker.coversHost("billing.internal"));
        long bytes = allocatedBy(() -> {
            if (checker.coversHost("billing.internal")) {
                throw new AssertionError("a host under no rule is left to the client");
            }
        });
        assertTrue(bytes < 4_096, bytes + " bytes allocated by " + MEASURED + " hosts under no rule");
    }

    private static long allocatedBy(Runnable round) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            round.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            round.run();
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
