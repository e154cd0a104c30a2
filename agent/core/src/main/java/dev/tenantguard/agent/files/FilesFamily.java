package dev.tenantguard.agent.files;

import dev.tenantguard.agent.config.Mode;
import dev.tenantguard.agent.config.Policy;
import dev.tenantguard.agent.policy.PathNormalizer;
import dev.tenantguard.agent.policy.PathRules;
import dev.tenantguard.agent.tooling.Armed;
import dev.tenantguard.agent.tooling.ClassWeave;
import dev.tenantguard.agent.tooling.Family;
import dev.tenantguard.agent.tooling.JdkWeaver;
import dev.tenantguard.internal.AgentKey;
import dev.tenantguard.internal.FileHooks;
import dev.tenantguard.agent.policy.PathRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * File I/O: the JDK's file classes woven at their choke points ({@link FileWeaves}), proven by a
 * probe of every route at start ({@link FileSelfTest}), checked against {@code files.rules} by
 * {@link FileAccessChecker} behind {@link FileHooks}.
 */
public final class FilesFamily implements Family {
    @Override
    public String name() {
        return FileAccessChecker.FAMILY;
    }

    @Override
    public boolean guarded(Policy policy) {
        return policy.filesMode() != Mode.OFF && (!policy.fileRules().isEmpty() || policy.reportObserve());
    }

    @Override
    public List<ClassWeave> jdkWeaves() {
        return FileWeaves.all();
    }

    @Override
    public List<String> selfTest(JdkWeaver weaver, AgentKey key, boolean atStart) {
        return FileSelfTest.run(key); // cheap (no thread, no socket, no disk): at start too
    }

    @Override
    public String unprovenConsequence() {
        return "Enforcement would be incomplete.";
    }

    @Override
    public void arm(Armed armed) {
        Policy policy = armed.policy();
        PathNormalizer normalizer = new PathNormalizer(System.getProperty("user.dir"));
        PathRules rules = new PathRules(withRealPrefixes(policy.fileRules(), normalizer), normalizer);
        FileHooks.install(armed.key(), new FileAccessChecker(rules, policy.filesMode(), armed.enforcer(), policy.filesMetadata(),
                armed.observations()));
        armed.modes().guarded(name(), policy.filesMode());
    }

    /**
     * The rules, plus for each rule whose literal folder is reached through a link (e.g.
     * {@code /srv/data -> /mnt/data}) the same rule on the real folder: real paths are matched too.
     */
    static List<String> withRealPrefixes(List<String> patterns, PathNormalizer normalizer) {
        List<String> all = new ArrayList<>(patterns);
        RealPaths realPaths = new RealPaths(normalizer.workingDirectory());
        for (String pattern : patterns) {
            PathRule rule = PathRule.compile(pattern, normalizer);
            String prefix = rule.literalPrefix();
            try {
                String real = normalizer.absolute(realPaths.resolve(prefix, false));
                real = real.endsWith("/") ? real : real + "/";
                if (!real.equals(prefix)) {
                    all.add(real + rule.pattern().substring(prefix.length()));
                }
            } catch (IOException e) {
                // the folder cannot be resolved now: paths under it are not verified when checked
            }
        }
        return all;
    }

    @Override
    public String status(Policy policy) {
        return "files " + (guarded(policy)
                ? policy.filesMode().name().toLowerCase() + " (" + policy.fileRules().size() + " rules)"
                : "not guarded");
    }
}
