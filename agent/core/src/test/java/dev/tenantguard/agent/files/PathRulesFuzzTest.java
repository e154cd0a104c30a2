package dev.tenantguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.NoTenantResponse;
import dev.tenantguard.agent.fuzz.Corpus;
import dev.tenantguard.agent.fuzz.SeededCases;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.PathNormalizer;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.agent.report.ViolationReporter;
import dev.tenantguard.api.TenantBoundaryViolation;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.TestThreads;
import dev.tenantguard.internal.ThreadState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzz: the file checker against an independent reference — the kernel itself, through
 * {@code Path.toRealPath} of the path as given (links, {@code ..} after a link, {@code /proc/self/root}
 * followed by {@code realpath(3)}) on a real tree with links in a temp folder. Zero false allows:
 * whenever the checker lets tenant acme through, the file the kernel opens is acme's or no
 * tenant's. Fixed seeds and a small budget, so it runs in CI in seconds; a failure prints the
 * path and the seed that replays it. The committed corpus ({@code fuzz/path-rules.txt}) runs too.
 */
class PathRulesFuzzTest {
    private static Path root;
    private static Path realRoot;

    private static final List<String> SEGMENTS = List.of("tenants", "acme", "globex", "sub", "x.txt", "new.txt",
            "to-globex", "to-globex-sub", "inner", "to-all", "to-top", "secret-link", "dangling", "bridge", "outside",
            "loop", "..", ".", "");

    @BeforeAll
    static void tree() throws IOException {
        root = Files.createTempDirectory("path-fuzz");
        realRoot = root.toRealPath();
        Path acme = Files.createDirectories(root.resolve("tenants/acme/sub"));
        Path globex = Files.createDirectories(root.resolve("tenants/globex/sub"));
        Files.createDirectories(root.resolve("outside"));
        for (Path dir : List.of(acme, globex, acme.getParent(), globex.getParent(), root.resolve("outside"))) {
            Files.writeString(dir.resolve("x.txt"), "x");
        }
        Path a = root.resolve("tenants/acme");
        Files.createSymbolicLink(a.resolve("to-globex"), Path.of("../globex"));
        Files.createSymbolicLink(a.resolve("to-globex-sub"), Path.of("../globex/sub"));
        Files.createSymbolicLink(a.resolve("inner"), Path.of("sub"));
        Files.createSymbolicLink(a.resolve("to-all"), root.resolve("tenants"));
        Files.createSymbolicLink(a.resolve("to-top"), root);
        Files.createSymbolicLink(a.resolve("secret-link"), root.resolve("tenants/globex/x.txt"));
        Files.createSymbolicLink(a.resolve("dangling"), root.resolve("tenants/globex/new.txt"));
        Files.createSymbolicLink(root.resolve("outside/bridge"), root.resolve("tenants/globex"));
        Files.createSymbolicLink(root.resolve("outside/loop"), root.resolve("outside/loop"));
        Files.createSymbolicLink(root.resolve("tenants/globex/to-acme"), Path.of("../acme"));
    }

    @AfterAll
    static void removeTree() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A path: one of a few prefixes, then one to seven segments, absolute or relative to the root. */
    private static String path(Random random) {
        String prefix = SeededCases.oneOf(random, root + "/", root + "/tenants/acme/", "/proc/self/root" + root + "/",
                "/proc/self/root" + root + "/tenants/acme/", "tenants/acme/", "");
        int segments = 1 + random.nextInt(7);
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < segments; i++) {
            rest.append(i == 0 ? "" : "/").append(SeededCases.oneOf(random, SEGMENTS));
        }
        return prefix + rest;
    }

    @Test
    void aReadTheCheckerAllowsNeverReachesAnotherTenantsFile() {
        SeededCases.run(20261206L, 400, PathRulesFuzzTest::path, PathRulesFuzzTest::checkRead);
    }

    @Test
    void aWriteTheCheckerAllowsNeverCreatesInAnotherTenantsFolder() {
        SeededCases.run(7713L, 300, PathRulesFuzzTest::path, PathRulesFuzzTest::checkWrite);
    }

    /** Corpus lines: {@code read} or {@code write}, a tab, the path with {@code {root}} for the tree's root. */
    @Test
    void corpusPaths() {
        SeededCases.runAll("path-rules", Corpus.lines("path-rules"), line -> {
            String[] parts = line.split("\t", 2);
            assertTrue(parts.length == 2 && (parts[0].equals("read") || parts[0].equals("write")), "bad corpus line " + line);
            String path = parts[1].replace("{root}", root.toString());
            if (parts[0].equals("read")) {
                checkRead(path);
            } else {
                checkWrite(path);
            }
        });
    }

    private static void checkRead(String path) {
        Path opened = reference(path, false);
        boolean allowed = allows(path, FileOp.READ);
        if (allowed && opened != null) {
            String owner = owner(opened);
            assertTrue(owner == null || owner.equals("acme"), path + " was allowed but opens " + opened);
        }
    }

    private static void checkWrite(String path) {
        Path written = reference(path, true);
        boolean allowed = allows(path, FileOp.WRITE);
        if (allowed && written != null) {
            String owner = owner(written);
            assertTrue(owner == null || owner.equals("acme"), path + " was allowed but writes " + written);
        }
    }

    /** What the checker decides for tenant acme, in enforce mode. */
    private static boolean allows(String path, int op) {
        ThreadState state = ThreadState.current();
        state.tenant(TestThreads.KEY, "acme");
        TestThreads.privileged(state, 0);
        BoundaryEnforcer enforcer = new BoundaryEnforcer(ViolationReporter.create(null, false),
                new CallerPatterns(List.of()), NoTenantResponse.ENFORCE, 4);
        PathNormalizer normalizer = new PathNormalizer(root.toString());
        PathRules rules = new PathRules(FilesFamily.withRealPrefixes(List.of(root + "/tenants/{tenant}/**"), normalizer),
                normalizer);
        try {
            new FileAccessChecker(rules, Mode.ENFORCE, enforcer).check(path, op, state);
            return true;
        } catch (TenantBoundaryViolation blocked) {
            return false;
        } finally {
            state.tenant(TestThreads.KEY, null);
        }
    }

    /**
     * The file the kernel opens for {@code path} (relative to the tree's root), by the kernel's own
     * resolution; for a write, the new file in the real folder that holds it. {@code null} when the
     * call would fail (no such file to read, no folder to create in, a loop).
     */
    private static Path reference(String path, boolean write) {
        Path p = root.resolve(path);
        try {
            return p.toRealPath();
        } catch (NoSuchFileException missing) {
            if (!write) {
                return null;
            }
            try {
                if (Files.isSymbolicLink(p)) {
                    Path target = p.getParent().resolve(Files.readSymbolicLink(p));
                    return target.getParent().toRealPath().resolve(target.getFileName());
                }
                Path parent = p.normalize().getParent();
                return parent == null || p.getFileName() == null || p.getFileName().toString().equals("..")
                        ? null : p.getParent().toRealPath().resolve(p.getFileName());
            } catch (IOException e) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The tenant whose folder holds {@code real}, or {@code null}. */
    private static String owner(Path real) {
        Path tenants = realRoot.resolve("tenants");
        if (!real.startsWith(tenants) || real.getNameCount() <= tenants.getNameCount()) {
            return null;
        }
        return real.getName(tenants.getNameCount()).toString();
    }
}
