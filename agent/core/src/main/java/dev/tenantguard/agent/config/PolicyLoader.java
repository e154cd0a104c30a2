package dev.tenantguard.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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

        Path named = resolve(sources, PolicyKey.CONFIG, parse::requiredPath, null);
        Path inWorkingDirectory = cwd.resolve(DEFAULT_FILE_NAME);
        Path file = named != null ? named : Files.exists(inWorkingDirectory) ? inWorkingDirectory : null;
        if (file != null) {
            String how = named != null ? "named by " + namedBy(sources) : "found in the working directory";
            sources.add(YamlPolicyReader.read(file, how));
        }
        String source = file != null ? file.toString() : "defaults";

        Mode mode = resolve(sources, PolicyKey.MODE, parse::mode, Mode.ENFORCE);
        JdbcPolicy jdbc = new JdbcPolicy(
                resolve(sources, PolicyKey.JDBC_MODE, parse::mode, mode),
                resolve(sources, PolicyKey.JDBC_COLUMN, parse::identifier, null),
                resolve(sources, PolicyKey.JDBC_TABLES, parse::tables, List.of()),
                resolve(sources, PolicyKey.JDBC_SCHEMAS, parse::tenantPatterns, List.of()),
                resolve(sources, PolicyKey.JDBC_DATABASES, parse::tenantPatterns, List.of()),
                resolve(sources, PolicyKey.JDBC_RLS_SETTING, parse::identifier, null));
        HttpPolicy http = new HttpPolicy(
                resolve(sources, PolicyKey.HTTP_MODE, parse::mode, mode),
                resolve(sources, PolicyKey.HTTP_RULES, parse::urlRules, List.of()),
                resolve(sources, PolicyKey.TENANT_HEADER, parse::headerName, HttpPolicy.DEFAULT_TENANT_HEADER),
                resolve(sources, PolicyKey.HTTP_PROPAGATE, parse::bool, true),
                resolve(sources, PolicyKey.HTTP_SIGNING_KEY, parse::signingKey, null));
        RawValue tables = first(sources, PolicyKey.JDBC_TABLES);
        if (tables != null && jdbc.column() == null && !jdbc.tables().isEmpty()) {
            throw tables.fail("tenant tables need jdbc.column, the column that holds the tenant");
        }
        return new Policy(
                source,
                mode,
                resolve(sources, PolicyKey.FILES_MODE, parse::mode, mode),
                resolve(sources, PolicyKey.NO_TENANT, parse::noTenant, noTenantFor(mode)),
                resolve(sources, PolicyKey.TENANT_PATTERN, parse::regex, Policy.DEFAULT_TENANT_PATTERN),
                resolve(sources, PolicyKey.FILES_RULES, parse::fileRules, List.of()),
                jdbc,
                http,
                resolve(sources, PolicyKey.EXEMPT_CALLERS, parse::callers, List.of()),
                resolve(sources, PolicyKey.REPORT_JSONL, parse::optionalPath, null),
                resolve(sources, PolicyKey.REPORT_LOG, parse::bool, true),
                resolve(sources, PolicyKey.REPORT_STACK_DEPTH, parse::positiveInt, Policy.DEFAULT_STACK_DEPTH),
                resolve(sources, PolicyKey.CONTEXT_PROPAGATION, parse::bool, true),
                new InboundPolicy(
                        resolve(sources, PolicyKey.TENANT_FROM, parse::tenantSources, InboundPolicy.DEFAULT_FROM),
                        resolve(sources, PolicyKey.TENANT_MDC_KEY, parse::mdcKey, null)));
    }

    /**
     * The value from the first source that has the key, else {@code fallback}. Values from the
     * other sources are checked too: a wrong file should fail now, not on the day the override
     * that hides it is removed.
     */
    private static <T> T resolve(List<Map<PolicyKey, RawValue>> sources, PolicyKey key,
            Function<RawValue, T> parse, T fallback) {
        T result = fallback;
        boolean found = false;
        for (Map<PolicyKey, RawValue> source : sources) {
            RawValue value = source.get(key);
            if (value != null) {
                T parsed = parse.apply(value);
                if (!found) {
                    result = parsed;
                    found = true;
                }
            }
        }
        return result;
    }

    private static RawValue first(List<Map<PolicyKey, RawValue>> sources, PolicyKey key) {
        return sources.stream().map(source -> source.get(key)).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String namedBy(List<Map<PolicyKey, RawValue>> overrides) {
        return overrides.stream()
                .map(source -> source.get(PolicyKey.CONFIG))
                .filter(Objects::nonNull)
                .findFirst()
                .map(value -> value.origin().where())
                .orElseThrow();
    }

    private static NoTenantResponse noTenantFor(Mode mode) {
        return switch (mode) {
            case ENFORCE -> NoTenantResponse.ENFORCE;
            case REPORT -> NoTenantResponse.REPORT;
            case OFF -> NoTenantResponse.ALLOW;
        };
    }
}
