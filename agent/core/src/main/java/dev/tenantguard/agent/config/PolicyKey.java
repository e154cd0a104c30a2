package dev.tenantguard.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of the policy, by their dotted name. The file reader, the override parsers and the
 * error messages listing known keys all work from this one table.
 */
enum PolicyKey {
    CONFIG("config", false, true),
    MODE("mode", false, false),
    NO_TENANT("noTenant", false, false),
    TENANT_PATTERN("tenant.pattern", false, false),
    TENANT_HEADER("tenant.header", false, false),
    TENANT_FROM("tenant.from", true, false),
    TENANT_MDC_KEY("tenant.mdcKey", false, false),
    FILES_MODE("files.mode", false, false),
    FILES_RULES("files.rules", true, false),
    FILES_METADATA("files.metadata", false, false),
    JDBC_MODE("jdbc.mode", false, false),
    JDBC_COLUMN("jdbc.column", false, false),
    JDBC_TABLES("jdbc.tables", true, false),
    JDBC_SCHEMAS("jdbc.schemas", true, false),
    JDBC_DATABASES("jdbc.databases", true, false),
    JDBC_RLS_SETTING("jdbc.rlsSetting", false, false),
    JDBC_TRUSTED_ROUTINES("jdbc.trustedRoutines", true, false),
    HTTP_MODE("http.mode", false, false),
    HTTP_RULES("http.rules", true, false),
    HTTP_PROPAGATE("http.propagate", false, false),
    HTTP_SIGNING_KEY("http.signingKey", false, false),
    REDIS_MODE("redis.mode", false, false),
    REDIS_KEYS("redis.keys", true, false),
    MESSAGING_MODE("messaging.mode", false, false),
    MESSAGING_RULES("messaging.rules", true, false),
    MESSAGING_PROPAGATE("messaging.propagate", false, false),
    CONTEXT_PROPAGATION("context.propagation", false, false),
    EXEMPT_CALLERS("exempt.callers", true, false),
    REPORT_JSONL("report.jsonl", false, false),
    REPORT_BASELINE("report.baseline", false, false),
    REPORT_LOG("report.log", false, false),
    REPORT_STACK_DEPTH("report.stackDepth", false, false),
    REPORT_OTEL("report.otel", false, false),
    REPORT_OBSERVE("report.observe", false, false),
    ON_ERROR("onError", false, false),
    FILES_ON_ERROR("files.onError", false, false),
    JDBC_ON_ERROR("jdbc.onError", false, false),
    HTTP_ON_ERROR("http.onError", false, false);

    static final String SYSTEM_PROPERTY_PREFIX = "tenantguard.";
    static final String ENVIRONMENT_PREFIX = "TENANTGUARD_";

    /** The dotted name, as written in the file and in agent options. */
    final String dotted;
    /** Whether the value is a list of strings (else a single value). */
    final boolean list;
    /** Whether the key can only be given as an override, never in the file (the file's path). */
    final boolean overrideOnly;

    PolicyKey(String dotted, boolean list, boolean overrideOnly) {
        this.dotted = dotted;
        this.list = list;
        this.overrideOnly = overrideOnly;
    }

    String systemProperty() {
        return SYSTEM_PROPERTY_PREFIX + dotted;
    }

    String environmentVariable() {
        return ENVIRONMENT_PREFIX + dotted.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    // Plain loops, not streams, in the look-ups: they run in premain, where each lambda call
    // site costs about half a millisecond to link.

    static Optional<PolicyKey> named(String dotted) {
        for (PolicyKey key : values()) {
            if (key.dotted.equals(dotted)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    static Optional<PolicyKey> withEnvironmentVariable(String name) {
        for (PolicyKey key : values()) {
            if (key.environmentVariable().equals(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Keys that may appear in the file under {@code prefix} ("" for all, or e.g. "files."). */
    static List<PolicyKey> inFile(String prefix) {
        List<PolicyKey> keys = new ArrayList<>();
        for (PolicyKey key : values()) {
            if (!key.overrideOnly && key.dotted.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Whether {@code dotted} names a mapping in the file that holds keys, such as "files". */
    static boolean isSection(String dotted) {
        return !inFile(dotted + ".").isEmpty();
    }

    static String join(List<PolicyKey> keys, Function<PolicyKey, String> spelling) {
        return keys.stream().map(spelling).collect(Collectors.joining(", "));
    }
}
