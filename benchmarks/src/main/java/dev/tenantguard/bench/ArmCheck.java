package dev.tenantguard.bench;

import dev.tenantguard.api.TenantBoundaryViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Proves, in each fork before it measures anything, that its arm really is what the report will
 * call it: a ratio against an agent that is not guarding would be meaningless. The test is a call
 * on another tenant's resource (file, row, URL), whose fate differs per arm.
 */
final class ArmCheck {
    private ArmCheck() {
    }

    /**
     * Makes {@code crossing}, a call on another tenant's resource, and checks what each arm must do
     * with it: tenant-guard in enforce mode refuses it; in report mode lets it through and writes a
     * JSONL line naming {@code resource}; the SecurityManager refuses it when {@code fileCall} (its
     * policy does not grant the other tenant's directory); the other arms let it through.
     */
    static void crossing(String what, String resource, boolean fileCall, Callable<?> crossing) {
        BenchArm arm = BenchArm.current();
        Path violations = BenchFixture.fromSystemProperty().resolve(BenchFixture.VIOLATIONS_FILE);
        int linesBefore = lines(violations).size();
        Throwable refusal = null;
        try {
            crossing.call();
        } catch (Exception e) {
            refusal = e;
        }
        boolean expectRefused = arm.enforcing() || (arm == BenchArm.SECURITY_MANAGER && fileCall);
        boolean refused = refusal != null && (arm == BenchArm.SECURITY_MANAGER
                ? refusal instanceof SecurityException
                : causedByViolation(refusal));
        if (refusal != null && !refused) {
            throw new IllegalStateException(arm.id + ": " + what + " failed for another reason than the guard", refusal);
        }
        if (refused != expectRefused) {
            throw new IllegalStateException(arm.id + ": " + what + " on another tenant's resource was "
                    + (refused ? "refused" : "let through") + ", expected the opposite: the arm is not what it claims");
        }
        if (arm == BenchArm.TG_REPORT) {
            List<String> added = lines(violations);
            added = added.subList(Math.min(linesBefore, added.size()), added.size());
            boolean recorded = added.stream().anyMatch(line -> line.contains("\"action\":\"REPORTED\"")
                    && line.contains(resource));
            if (!recorded) {
                throw new IllegalStateException(arm.id + ": " + what + " on another tenant's resource was not"
                        + " recorded in " + violations + " (new lines: " + added + ")");
            }
        }
    }

    private static boolean causedByViolation(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof TenantBoundaryViolation) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this fork's arm runs the tenant-guard agent. */
    static boolean tenantGuard() {
        return BenchArm.current().tenantGuard();
    }

    /** Whether the measured calls go to another tenant's resource: the deny path of the report arm. */
    static boolean denyPath() {
        return BenchArm.current() == BenchArm.TG_REPORT;
    }
}
