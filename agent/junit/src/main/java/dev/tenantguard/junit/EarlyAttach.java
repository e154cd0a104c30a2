package dev.tenantguard.junit;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Attaches the agent when the test run starts, before any test class is loaded, if the test class
 * path holds the default policy {@value TenantGuardExtension#DEFAULT_POLICY}.
 *
 * <p>Why so early: loading a test class can load tenant API classes (a {@code catch
 * (TenantBoundaryViolation e)} is enough, the verifier loads it), and once the application's class
 * loader has its own copy of them the agent can no longer share the tenant context with it and
 * refuses to attach. A failure here is not thrown: the guarded classes fail with it, other tests run.
 */
public final class EarlyAttach implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader.getResource(TenantGuardExtension.DEFAULT_POLICY) == null) {
            return;
        }
        Path policy = PolicyResource.find(TenantGuardExtension.DEFAULT_POLICY, loader, "the test run");
        AgentAttachment.tryEnsure(policy);
    }
}
