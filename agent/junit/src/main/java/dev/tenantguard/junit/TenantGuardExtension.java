package dev.tenantguard.junit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * JUnit 5 extension that runs tests under the tenant-guard agent and fails the test that caused a
 * violation, naming the test and each violation's sentence. Use {@link TenantGuarded} (which names
 * the policy), or {@code @ExtendWith(TenantGuardExtension.class)} for the default policy resource
 * {@value #DEFAULT_POLICY}.
 *
 * <p>The agent is attached to the test JVM once, before the first guarded class runs, by a helper
 * process ({@code java -jar tenant-guard-agent.jar attach <pid>}; the test JVM needs no flag), unless
 * the test JVM was started with {@code -javaagent}: then that agent and its policy are used. One
 * policy per JVM: a class asking for another policy fails with the reason. A violation counts for the
 * test running when it happened (its {@code @BeforeEach} and {@code @AfterEach} included); one
 * outside any test fails the class. Tests of a guarded class must not run in parallel with each
 * other: a violation could not be told apart.
 */
public final class TenantGuardExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {
    /** The policy resource used when none is named. */
    public static final String DEFAULT_POLICY = "tenant-guard-test.yaml";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String policy = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), TenantGuarded.class)
                .map(TenantGuarded::policy).orElse(DEFAULT_POLICY);
        Class<?> testClass = context.getRequiredTestClass();
        AgentAttachment.ensure(() -> PolicyResource.find(policy, testClass));
        ViolationCollector.INSTANCE.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failOn(ViolationCollector.INSTANCE.restart(), "the set-up of " + context.getRequiredTestClass().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOn(ViolationCollector.INSTANCE.restart(), "test '" + context.getDisplayName() + "'");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOn(ViolationCollector.INSTANCE.stop(), "the class " + context.getRequiredTestClass().getName()
                + " (outside its tests)");
    }

    private static void failOn(List<String> violations, String culprit) {
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("tenant-guard: ").append(culprit).append(" crossed a tenant boundary (")
                .append(violations.size()).append(violations.size() == 1 ? " violation" : " violations").append("):");
        for (String violation : violations) {
            message.append("\n  ").append(violation);
        }
        throw new AssertionFailedError(message.toString());
    }
}
