package dev.tenantguard.agent.files;

import dev.tenantguard.agent.check.BoundaryEnforcer;
import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.policy.PathRule;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.internal.FileGuard;
import dev.tenantguard.internal.FileOp;
import dev.tenantguard.internal.ThreadState;

/**
 * Checks file operations against the file rules. The allow path — a path under a rule of the
 * current tenant — compares the captured tenant in place and allocates nothing.
 */
public final class FileAccessChecker implements FileGuard {
    static final String FAMILY = "files";

    private final PathRules rules;
    private final Mode mode;
    private final BoundaryEnforcer enforcer;

    public FileAccessChecker(PathRules rules, Mode mode, BoundaryEnforcer enforcer) {
        this.rules = rules;
        this.mode = mode;
        this.enforcer = enforcer;
    }

    public boolean covers(String path) {
        return rules.covers(path);
    }

    @Override
    public boolean coversFile(String path) {
        return rules.covers(path);
    }

    @Override
    public void checkFile(String path, int op, ThreadState state) {
        check(path, op, state);
    }

    public void check(String path, int op, ThreadState state) {
        String absolute = rules.normalizer().absolute(path);
        for (int i : rules.candidates(absolute)) {
            PathRule rule = rules.rule(i);
            long match = rule.match(absolute);
            if (match != PathRule.NO_MATCH) {
                decide(rule, absolute, match, op, state);
                return;
            }
        }
    }

    private void decide(PathRule rule, String path, long match, int op, ThreadState state) {
        int start = PathRule.captureStart(match);
        int length = PathRule.captureEnd(match) - start;
        String tenant = state.tenant();
        if (tenant != null && tenant.length() == length && path.regionMatches(start, tenant, 0, length)) {
            return;
        }
        if (state.privileged()) {
            return;
        }
        enforcer.crossing(mode, FAMILY, FileOp.name(op), path, path.substring(start, start + length), tenant,
                rule.pattern());
    }
}
