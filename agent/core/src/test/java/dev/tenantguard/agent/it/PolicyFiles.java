package dev.tenantguard.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the policy files and tenant folders the integration tests start from. */
final class PolicyFiles {
    private PolicyFiles() {
    }

    /** A policy guarding {@code <root>/tenants/{tenant}/**}, reporting to {@code <root>/violations.jsonl}. */
    static Path write(Path root, String mode, String extra) throws IOException {
        Files.createDirectories(root.resolve("tenants/acme"));
        Files.createDirectories(root.resolve("tenants/globex"));
        Path policy = root.resolve("tenant-guard.yaml");
        Files.writeString(policy, "mode: " + mode + "\n"
                + "files:\n"
                + "  rules:\n"
                + "    - " + root.resolve("tenants") + "/{tenant}/**\n"
                + "exempt:\n"
                + "  callers: [\"com.example.probe.admin.**\"]\n"
                + "report:\n"
                + "  jsonl: " + jsonl(root) + "\n"
                + extra);
        return policy;
    }

    static Path jsonl(Path root) {
        return root.resolve("violations.jsonl");
    }
}
