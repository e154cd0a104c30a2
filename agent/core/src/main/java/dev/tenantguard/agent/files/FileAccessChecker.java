package dev.tenantguard.agent.files;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.policy.PathRule;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.api.ViolationKind;
import dev.tenantguard.internal.FileGuard;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.ThreadState;
import java.io.IOException;

/**
 * Checks file operations against the file rules, on the file the kernel will open:
 *
 * <ol>
 *   <li>the path as spelled, made absolute and normalized: under another tenant's rule (or a
 *       tenant's with none in context) it is a crossing, whatever it leads to;</li>
 *   <li>then where it really leads ({@link RealPaths}): a link, a {@code /proc/.../root} or
 *       {@code /proc/self/fd/<n>} prefix, a {@code ..} after a link — the real path is matched
 *       again, so a path under no rule, or under the tenant's own folder, that reaches another
 *       tenant's file is a crossing;</li>
 *   <li>a path whose real location cannot be resolved is not verified: refused in {@code enforce},
 *       reported in {@code report}.</li>
 * </ol>
 *
 * <p>The allow path — a path the real-path cache knows leads to itself, under the tenant's own
 * rule or none — allocates nothing: under no rule it ends in {@link #coversFile}'s one probe of
 * that cache, before the hook reads its thread's state; under the tenant's own rule in a second
 * probe, which compares the tenant the cache remembers for the path with the caller's (the rules
 * are matched again only for a path the cache does not know, or a caller it does not name).
 */
public final class FileAccessChecker implements FileGuard {
    static final String FAMILY = "files";

    private final PathRules rules;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;
    private final RealPaths realPaths;
    private final boolean metadata;
    private final Observations observations;

    /**
     * @param metadata     {@code files.metadata}: whether reading another tenant's file metadata is a crossing
     * @param observations where the folders the tenants use are recorded ({@code report.observe}), or
     *                     {@code null}
     */
    public FileAccessChecker(PathRules rules, Mode mode, BoundaryEnforcer enforcer, boolean metadata,
            Observations observations) {
        this.rules = rules;
        this.mode = mode;
        this.enforcer = enforcer;
        this.realPaths = new RealPaths(rules.normalizer().workingDirectory());
        this.metadata = metadata;
        this.observations = observations;
    }

    public FileAccessChecker(PathRules rules, Mode mode, BoundaryEnforcer enforcer, boolean metadata) {
        this(rules, mode, enforcer, metadata, null);
    }

    public FileAccessChecker(PathRules rules, Mode mode, BoundaryEnforcer enforcer) {
        this(rules, mode, enforcer, true);
    }

    @Override
    public boolean guardsMetadata() {
        return metadata;
    }

    /** Whether the path as spelled falls under a rule (links not followed). */
    public boolean covers(String path) {
        return rules.covers(path);
    }

    /**
     * Every path may lead into a tenant's folder through a link, so a path is left unchecked only
     * when the real-path cache knows that, as spelled, it is under no rule and passes through no
     * link: it then leads to a file no rule covers. One probe of that cache, before any
     * thread-local read, allocation-free; a path it does not know is checked (and then known).
     */
    @Override
    public boolean coversFile(String path) {
        return !realPaths.knownDirectUnderNoRule(path) || observations != null;
    }

    /** A rename, copy, move or link has run: what it put in place may change where cached paths lead. */
    @Override
    public void entryReplaced() {
        realPaths.invalidate();
    }

    @Override
    public void checkFile(String path, int op, ThreadState state) {
        check(path, op, state);
    }

    public void check(String path, int op, ThreadState state) {
        if (changesResolution(op)) {
            realPaths.invalidate();
        } else if (observations == null) {
            RealPaths.Entry known = realPaths.known(path);
            if (known != null && known.allows(state.tenant())) {
                return; // the answer the full check below gives, found on one probe
            }
        }
        String absolute = rules.normalizer().absolute(path);
        if (!allowedAt(absolute, absolute, op, state)) {
            return; // a crossing as spelled: recorded (and thrown in enforce)
        }
        if (observations != null) {
            FileObservation.record(observations, absolute, op, state);
        }
        if (realPaths.knownDirect(path)) {
            return;
        }
        int generation = realPaths.generation();
        String real;
        try {
            real = rules.normalizer().absolute(realPaths.resolve(path, FileOp.nameOnly(op)));
        } catch (IOException | RuntimeException e) {
            notVerified(absolute, op, state, "its real location could not be resolved (" + e + ")");
            return;
        }
        if (real.equals(absolute)) {
            if (!FileOp.nameOnly(op)) {
                realPaths.rememberDirect(path, generation, tenantOf(absolute));
            }
            return;
        }
        allowedAt(real, absolute + " (which leads to " + real + ")", op, state);
    }

    /**
     * {@code createSymbolicLink(link, target)}: the link's location is checked as a write of the
     * entry, its target where it really leads; a link placed in a tenant's folder must lead into
     * that tenant's own folder — not to a folder no rule covers (the root, the folder of all
     * tenants), through which the tenant could then walk anywhere.
     */
    @Override
    public void checkLink(String link, String target, ThreadState state) {
        check(link, FileOp.WRITE | FileOp.NAME_ONLY, state);
        check(target, FileOp.READ, state);
        String location = rules.normalizer().absolute(link);
        String locationTenant = tenantOf(location);
        if (locationTenant == null || state.privileged()) {
            return;
        }
        String real;
        try {
            real = rules.normalizer().absolute(realPaths.resolve(target, false));
        } catch (IOException | RuntimeException e) {
            notVerified(location, FileOp.WRITE, state, "the target of the link could not be resolved (" + e + ")");
            return;
        }
        if (tenantOf(real) == null) {
            notVerified(location + " (a link to " + real + ")", FileOp.WRITE, state,
                    "a link in a tenant's folder must lead into that tenant's folder, and " + real
                            + " is under no file rule");
        }
    }

    /**
     * A new entry put in place by name — the target of a rename or copy, the location of a link —
     * can change where a cached path leads; a delete alone cannot (what replaces the entry later
     * comes by one of those, or by mkdir, which makes no link).
     */
    private static boolean changesResolution(int op) {
        return op == (FileOp.WRITE | FileOp.NAME_ONLY);
    }

    /** Decides {@code path} (normalized); returns whether it is allowed, else records the crossing. */
    private boolean allowedAt(String path, String resource, int op, ThreadState state) {
        for (int i : rules.candidates(path)) {
            long match = rules.matchCandidate(i, path);
            if (match != PathRule.NO_MATCH) {
                return decide(rules.rule(i), path, resource, match, op, state);
            }
        }
        return true;
    }

    private boolean decide(PathRule rule, String path, String resource, long match, int op, ThreadState state) {
        int start = PathRule.captureStart(match);
        int length = PathRule.captureEnd(match) - start;
        String tenant = state.tenant();
        if (tenant != null && tenant.length() == length && path.regionMatches(start, tenant, 0, length)) {
            return true;
        }
        if (state.privileged()) {
            return true;
        }
        enforcer.crossing(mode, FAMILY, FileOp.name(op), resource, path.substring(start, start + length), tenant,
                rule.pattern());
        return false;
    }

    private void notVerified(String path, int op, ThreadState state, String reason) {
        if (state.privileged()) {
            return;
        }
        enforcer.violation(mode, ViolationKind.NOT_VERIFIED, FAMILY, FileOp.name(op), path, null, state.tenant(), reason,
                null);
    }

    /** The tenant whose rule covers {@code path} (normalized), or {@code null}. */
    private String tenantOf(String path) {
        for (int i : rules.candidates(path)) {
            long match = rules.matchCandidate(i, path);
            if (match != PathRule.NO_MATCH) {
                return path.substring(PathRule.captureStart(match), PathRule.captureEnd(match));
            }
        }
        return null;
    }
}
