package dev.tenantguard.agent.config;

import java.util.List;

/**
 * The validated policy, as read from the policy file and overridden by agent options, system
 * properties and environment variables. Every value is resolved (defaults applied); rules are
 * still text and are compiled by the {@code policy} package.
 *
 * @param source        where the policy came from, for messages (a file path, or "defaults")
 * @param mode          {@code mode}
 * @param filesMode     {@code files.mode}, defaulting to {@code mode}
 * @param noTenant      {@code noTenant}, defaulting to {@code mode} (off → allow)
 * @param tenantPattern {@code tenant.pattern}, a valid regular expression
 * @param fileRules     {@code files.rules}, each with exactly one {@code {tenant}}
 * @param jdbc          the {@code jdbc.*} keys
 * @param http          the {@code http.*} keys
 * @param exemptCallers {@code exempt.callers}: class names, {@code pkg.*} or {@code pkg.**}
 * @param reportJsonl   {@code report.jsonl}: an absolute file path, {@link #JSONL_STDOUT} for standard
 *                      output, or {@code null} for none
 * @param reportLog     {@code report.log}
 * @param stackDepth    {@code report.stackDepth}, at least 1
 * @param contextPropagation {@code context.propagation}, default true: the tenant in context travels
 *                      with tasks handed to executors, {@code CompletableFuture}, new threads and timers
 * @param inbound       {@code tenant.from} and {@code tenant.mdcKey}
 * @param reportOtel    {@code report.otel}, default {@code auto}
 * @param reportBaseline {@code report.baseline}: the file of known call sites, or {@code null} for none
 * @param redis         the {@code redis.*} keys
 * @param messaging     the {@code messaging.*} keys
 * @param onError       {@code onError} and its per-family overrides
 * @param filesMetadata {@code files.metadata}, default true: reading another tenant's file metadata
 *                      (existence, size, attributes, a link's target) is a crossing too
 * @param reportObserve {@code report.observe}, default false: the files, JDBC and HTTP families also
 *                      record what the service touches as a tenant, for {@code suggest}
 */
public record Policy(
        String source,
        Mode mode,
        Mode filesMode,
        NoTenantResponse noTenant,
        String tenantPattern,
        List<String> fileRules,
        JdbcPolicy jdbc,
        HttpPolicy http,
        List<String> exemptCallers,
        String reportJsonl,
        boolean reportLog,
        int stackDepth,
        boolean contextPropagation,
        InboundPolicy inbound,
        OtelReporting reportOtel,
        String reportBaseline,
        RedisPolicy redis,
        MessagingPolicy messaging,
        OnErrorPolicy onError,
        boolean filesMetadata,
        boolean reportObserve) {

    public static final String DEFAULT_TENANT_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";
    public static final int DEFAULT_STACK_DEPTH = 12;
    /** The {@code report.jsonl} value that writes the JSON lines to standard output instead of a file. */
    public static final String JSONL_STDOUT = "stdout";

    public Policy {
        fileRules = List.copyOf(fileRules);
        exemptCallers = List.copyOf(exemptCallers);
    }

    /** A policy with {@code onError} by each family's mode. */
    public Policy(String source, Mode mode, Mode filesMode, NoTenantResponse noTenant, String tenantPattern,
            List<String> fileRules, JdbcPolicy jdbc, HttpPolicy http, List<String> exemptCallers, String reportJsonl,
            boolean reportLog, int stackDepth, boolean contextPropagation, InboundPolicy inbound,
            OtelReporting reportOtel) {
        this(source, mode, filesMode, noTenant, tenantPattern, fileRules, jdbc, http, exemptCallers, reportJsonl,
                reportLog, stackDepth, contextPropagation, inbound, reportOtel, null, RedisPolicy.none(mode),
                MessagingPolicy.defaults(mode), OnErrorPolicy.DEFAULTS, true, false);
    }

    /** A policy with the default inbound sources. */
    public Policy(String source, Mode mode, Mode filesMode, NoTenantResponse noTenant, String tenantPattern,
            List<String> fileRules, JdbcPolicy jdbc, HttpPolicy http, List<String> exemptCallers, String reportJsonl,
            boolean reportLog, int stackDepth, boolean contextPropagation) {
        this(source, mode, filesMode, noTenant, tenantPattern, fileRules, jdbc, http, exemptCallers, reportJsonl,
                reportLog, stackDepth, contextPropagation, InboundPolicy.defaults());
    }

    /**
     * A policy without a baseline, reporting to OpenTelemetry when the application has it, guarding no
     * Redis keys and no message destinations (messaging carries the tenant, the default), file metadata
     * guarded.
     */
    public Policy(String source, Mode mode, Mode filesMode, NoTenantResponse noTenant, String tenantPattern,
            List<String> fileRules, JdbcPolicy jdbc, HttpPolicy http, List<String> exemptCallers, String reportJsonl,
            boolean reportLog, int stackDepth, boolean contextPropagation, InboundPolicy inbound) {
        this(source, mode, filesMode, noTenant, tenantPattern, fileRules, jdbc, http, exemptCallers, reportJsonl,
                reportLog, stackDepth, contextPropagation, inbound, OtelReporting.AUTO, null, RedisPolicy.none(mode),
                MessagingPolicy.defaults(mode), OnErrorPolicy.DEFAULTS, true, false);
    }
}
