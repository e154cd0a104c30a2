package dev.tenantguard.junit.sample;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one sample class through the JUnit Platform launcher, as a build tool would, and prints one
 * line per test: {@code RESULT|<display name>|<SUCCESSFUL|FAILED|ABORTED>|<message, \n escaped>}.
 */
public final class SampleRun {
    private SampleRun() {
    }

    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        // by name, as build tools select classes: this JVM has not loaded the test class yet
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0])).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (test.isTest()) {
                            String message = result.getThrowable().map(t -> t.getClass().getName() + ": " + t.getMessage())
                                    .orElse("");
                            System.out.println("RESULT|" + test.getDisplayName() + "|" + result.getStatus() + "|"
                                    + message.replace("\n", "\\n"));
                        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            System.out.println("CONTAINER|" + test.getDisplayName() + "|" + result.getStatus() + "|"
                                    + result.getThrowable().map(String::valueOf).orElse("").replace("\n", "\\n"));
                        }
                    }
                });
    }
}
