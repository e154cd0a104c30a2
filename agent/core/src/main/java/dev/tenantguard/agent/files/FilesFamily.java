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
        return policy.filesMode() != Mode.OFF && !policy.fileRules().isEmpty();
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
        PathRules rules = new PathRules(policy.fileRules(), new PathNormalizer(System.getProperty("user.dir")));
        FileHooks.install(armed.key(), new FileAccessChecker(rules, policy.filesMode(), armed.enforcer()));
        armed.modes().guarded(name(), policy.filesMode());
    }

    @Override
    public String status(Policy policy) {
        return "files " + (guarded(policy)
                ? policy.filesMode().name().toLowerCase() + " (" + policy.fileRules().size() + " rules)"
                : "not guarded");
    }
}
