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
 * @param reportJsonl   {@code report.jsonl}, or {@code null} for none
 * @param reportLog     {@code report.log}
 * @param stackDepth    {@code report.stackDepth}, at least 1
 * @param contextPropagation {@code context.propagation}, default true: the tenant in context travels
 *                      with tasks handed to executors, {@code CompletableFuture}, new threads and timers
 * @param inbound       {@code tenant.from} and {@code tenant.mdcKey}
 * @param filesMetadata {@code files.metadata}, default true: reading another tenant's file metadata
 *                      (existence, size, attributes, a link's target) is a crossing too
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
        boolean filesMetadata) {

    public static final String DEFAULT_TENANT_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";
    public static final int DEFAULT_STACK_DEPTH = 12;

    public Policy {
        fileRules = List.copyOf(fileRules);
        exemptCallers = List.copyOf(exemptCallers);
    }

    /** A policy with file metadata guarded. */
    public Policy(String source, Mode mode, Mode filesMode, NoTenantResponse noTenant, String tenantPattern,
            List<String> fileRules, JdbcPolicy jdbc, HttpPolicy http, List<String> exemptCallers, String reportJsonl,
            boolean reportLog, int stackDepth, boolean contextPropagation, InboundPolicy inbound) {
        this(source, mode, filesMode, noTenant, tenantPattern, fileRules, jdbc, http, exemptCallers, reportJsonl,
                reportLog, stackDepth, contextPropagation, inbound, true);
    }

    /** A policy with the default inbound sources. */
    public Policy(String source, Mode mode, Mode filesMode, NoTenantResponse noTenant, String tenantPattern,
            List<String> fileRules, JdbcPolicy jdbc, HttpPolicy http, List<String> exemptCallers, String reportJsonl,
            boolean reportLog, int stackDepth, boolean contextPropagation) {
        this(source, mode, filesMode, noTenant, tenantPattern, fileRules, jdbc, http, exemptCallers, reportJsonl,
                reportLog, stackDepth, contextPropagation, InboundPolicy.defaults());
    }
}
