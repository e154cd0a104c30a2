package dev.tenantguard.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Policy} from its four sources. For each key the first source that gives it
 * wins: agent options, then system properties ({@code -Dtenantguard.<key>}), then environment
 * variables ({@code TENANTGUARD_<KEY>}), then the policy file. Keys no source gives get their
 * defaults.
 *
 * <p>The file is the one named by {@code config} (from the same overrides, same order), else
 * {@code tenant-guard.yaml} in the working directory if there is one, else none.
 *
 * <p>Pure: everything it reads is passed in, so tests need no global state.
 */
public final class PolicyLoader {

    /** The file picked up from the working directory when {@code config} is not given. */
    public static final String DEFAULT_FILE_NAME = "tenant-guard.yaml";

    private PolicyLoader() {
    }

    /**
     * @param agentArgs        the agent's option string ({@code key=value,...}), or {@code null}
     * @param systemProperties the JVM's system properties; only {@code tenantguard.*} are read
     * @param environment      the process environment; only {@code TENANTGUARD_*} are read
     * @param workingDirectory what relative paths ({@code config}, {@code report.jsonl}) are
     *                         resolved against
     * @return the policy, every value checked and every default applied
     * @throws PolicyException if any source holds an unknown key or a bad value, or the policy
     *                         file cannot be read or parsed
     */
    public static Policy load(String agentArgs, Map<String, String> systemProperties,
            Map<String, String> environment, Path workingDirectory) {
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        PolicyValueParser parse = new PolicyValueParser(cwd);
        List<Map<PolicyKey, RawValue>> sources = new ArrayList<>(List.of(
                Overrides.fromAgentArgs(agentArgs),
                Overrides.fromSystemProperties(systemProperties),
                Overrides.fromEnvironment(environment)));

        Path named = resolve(sources, PolicyKey.CONFIG, parse, null);
        Path inWorkingDirectory = cwd.resolve(DEFAULT_FILE_NAME);
        Path file = named != null ? named : Files.exists(inWorkingDirectory) ? inWorkingDirectory : null;
        if (file != null) {
            String how = named != null ? "named by " + namedBy(sources) : "found in the working directory";
            sources.add(YamlPolicyReader.read(file, how));
        }
        String source = file != null ? file.toString() : "defaults";

        Mode mode = resolve(sources, PolicyKey.MODE, parse, Mode.ENFORCE);
        JdbcPolicy jdbc = new JdbcPolicy(
                resolve(sources, PolicyKey.JDBC_MODE, parse, mode),
                resolve(sources, PolicyKey.JDBC_COLUMN, parse, null),
                resolve(sources, PolicyKey.JDBC_TABLES, parse, List.of()),
                resolve(sources, PolicyKey.JDBC_SCHEMAS, parse, List.of()),
                resolve(sources, PolicyKey.JDBC_DATABASES, parse, List.of()),
                resolve(sources, PolicyKey.JDBC_RLS_SETTING, parse, null),
                resolve(sources, PolicyKey.JDBC_TRUSTED_ROUTINES, parse, List.of()));
        HttpPolicy http = new HttpPolicy(
                resolve(sources, PolicyKey.HTTP_MODE, parse, mode),
                resolve(sources, PolicyKey.HTTP_RULES, parse, List.of()),
                resolve(sources, PolicyKey.TENANT_HEADER, parse, HttpPolicy.DEFAULT_TENANT_HEADER),
                resolve(sources, PolicyKey.HTTP_PROPAGATE, parse, true),
                resolve(sources, PolicyKey.HTTP_SIGNING_KEY, parse, null));
        RawValue tables = first(sources, PolicyKey.JDBC_TABLES);
        if (tables != null && jdbc.column() == null && !jdbc.tables().isEmpty()) {
            throw tables.fail("tenant tables need jdbc.column, the column that holds the tenant");
        }
        return new Policy(
                source,
                mode,
                resolve(sources, PolicyKey.FILES_MODE, parse, mode),
                resolve(sources, PolicyKey.NO_TENANT, parse, noTenantFor(mode)),
                resolve(sources, PolicyKey.TENANT_PATTERN, parse, Policy.DEFAULT_TENANT_PATTERN),
                resolve(sources, PolicyKey.FILES_RULES, parse, List.of()),
                jdbc,
                http,
                resolve(sources, PolicyKey.EXEMPT_CALLERS, parse, List.of()),
                resolve(sources, PolicyKey.REPORT_JSONL, parse, null),
                resolve(sources, PolicyKey.REPORT_LOG, parse, true),
                resolve(sources, PolicyKey.REPORT_STACK_DEPTH, parse, Policy.DEFAULT_STACK_DEPTH),
                resolve(sources, PolicyKey.CONTEXT_PROPAGATION, parse, true),
                new InboundPolicy(
                        resolve(sources, PolicyKey.TENANT_FROM, parse, InboundPolicy.DEFAULT_FROM),
                        resolve(sources, PolicyKey.TENANT_MDC_KEY, parse, null)),
                resolve(sources, PolicyKey.REPORT_OTEL, parse, OtelReporting.AUTO),
                resolve(sources, PolicyKey.REPORT_BASELINE, parse, null),
                new RedisPolicy(
                        resolve(sources, PolicyKey.REDIS_MODE, parse, mode),
                        resolve(sources, PolicyKey.REDIS_KEYS, parse, List.of())),
                new MessagingPolicy(
                        resolve(sources, PolicyKey.MESSAGING_MODE, parse, mode),
                        resolve(sources, PolicyKey.MESSAGING_RULES, parse, List.of()),
                        resolve(sources, PolicyKey.MESSAGING_PROPAGATE, parse, true)),
                new OnErrorPolicy(
                        resolve(sources, PolicyKey.ON_ERROR, parse, null),
                        resolve(sources, PolicyKey.FILES_ON_ERROR, parse, null),
                        resolve(sources, PolicyKey.JDBC_ON_ERROR, parse, null),
                        resolve(sources, PolicyKey.HTTP_ON_ERROR, parse, null)),
                resolve(sources, PolicyKey.FILES_METADATA, parse, true),
                resolve(sources, PolicyKey.REPORT_OBSERVE, parse, false));
    }

    /**
     * The value from the first source that has the key, else {@code fallback}. Values from the
     * other sources are checked too: a wrong file should fail now, not on the day the override
     * that hides it is removed.
     *
     * <p>The parser is chosen by the key ({@link PolicyValueParser#value}), not passed as a
     * method reference: this runs in premain, where each lambda call site costs the start-up
     * about half a millisecond to link, and the policy has some 25 keys.
     */
    @SuppressWarnings("unchecked")  // each key has one value type, fixed by PolicyValueParser.value
    private static <T> T resolve(List<Map<PolicyKey, RawValue>> sources, PolicyKey key,
            PolicyValueParser parse, T fallback) {
        T result = fallback;
        boolean found = false;
        for (Map<PolicyKey, RawValue> source : sources) {
            RawValue value = source.get(key);
            if (value != null) {
                T parsed = (T) parse.value(value);
                if (!found) {
                    result = parsed;
                    found = true;
                }
            }
        }
        return result;
    }

    private static RawValue first(List<Map<PolicyKey, RawValue>> sources, PolicyKey key) {
        for (Map<PolicyKey, RawValue> source : sources) {
            RawValue value = source.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String namedBy(List<Map<PolicyKey, RawValue>> overrides) {
        return first(overrides, PolicyKey.CONFIG).origin().where();
    }

    private static NoTenantResponse noTenantFor(Mode mode) {
        return switch (mode) {
            case ENFORCE -> NoTenantResponse.ENFORCE;
            case REPORT -> NoTenantResponse.REPORT;
            case OFF -> NoTenantResponse.ALLOW;
        };
    }
}
