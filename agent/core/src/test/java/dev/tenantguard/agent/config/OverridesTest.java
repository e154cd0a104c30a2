package dev.tenantguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Agent options, {@code -Dtenantguard.*} and {@code TENANTGUARD_*}: syntax, names, messages. */
class OverridesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ","})
    void emptyAgentArgsMeanNoOptions(String args) {
        assertEquals("defaults", load(args, Map.of(), Map.of()).source());
    }

    @Test
    void agentOptionsAreKeyValuePairsSeparatedByCommas() {
        Policy policy = load(" mode = report ,report.log=FALSE,files.rules=/a/{tenant}/**;/b/{tenant}/**,",
                Map.of(), Map.of());

        assertEquals(Mode.REPORT, policy.mode());
        assertEquals(false, policy.reportLog());
        assertEquals(List.of("/a/{tenant}/**", "/b/{tenant}/**"), policy.fileRules());
    }

    @Test
    void commaInsideBracketsBelongsToTheValue() {
        Policy policy = load("tenant.pattern=[a-z]{1,8},mode=off", Map.of(), Map.of());

        assertEquals("[a-z]{1,8}", policy.tenantPattern());
        assertEquals(Mode.OFF, policy.mode());
    }

    @Test
    void everyKeyHasItsEnvironmentVariable() {
        Policy policy = load(null, Map.of(), Map.ofEntries(
                Map.entry("TENANTGUARD_MODE", "Report"),
                Map.entry("TENANTGUARD_NOTENANT", "allow"),
                Map.entry("TENANTGUARD_TENANT_PATTERN", "[0-9]+"),
                Map.entry("TENANTGUARD_FILES_MODE", "off"),
                Map.entry("TENANTGUARD_FILES_RULES", "/t/{tenant}"),
                Map.entry("TENANTGUARD_EXEMPT_CALLERS", "com.x.Admin;com.y.**"),
                Map.entry("TENANTGUARD_REPORT_JSONL", "/tmp/v.jsonl"),
                Map.entry("TENANTGUARD_REPORT_LOG", "false"),
                Map.entry("TENANTGUARD_REPORT_STACKDEPTH", "3"),
                Map.entry("TENANTGUARD_TENANT_HEADER", "X-Org"),
                Map.entry("TENANTGUARD_HTTP_PROPAGATE", "FALSE"),
                Map.entry("TENANTGUARD_CONTEXT_PROPAGATION", "false")));

        assertEquals(new Policy("defaults", Mode.REPORT, Mode.OFF, NoTenantResponse.ALLOW, "[0-9]+",
                List.of("/t/{tenant}"), new JdbcPolicy(Mode.REPORT, null, List.of(), List.of(), List.of(), null),
                new HttpPolicy(Mode.REPORT, List.of(), "X-Org", false, null),
                List.of("com.x.Admin", "com.y.**"), "/tmp/v.jsonl", false, 3, false),
                policy);
    }

    @Test
    void optionWithoutEqualsSign() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load("config=/p/tenant-guard.yaml,report", Map.of(), Map.of()));

        assertEquals("invalid policy: agent option 'report': expected key=value (agent options are"
                + " separated by ',')", e.getMessage());
        assertNull(e.file());
        assertEquals(0, e.line());
        assertNull(e.key());
    }

    @Test
    void unknownAgentOption() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load("modus=report", Map.of(), Map.of()));

        assertEquals("invalid policy: agent option 'modus': unknown key 'modus' (known keys: config,"
                + " mode, noTenant, tenant.pattern, tenant.header, tenant.from, tenant.mdcKey, files.mode, files.rules, files.metadata, jdbc.mode, jdbc.column, jdbc.tables, jdbc.schemas, jdbc.databases, jdbc.rlsSetting, http.mode, http.rules, http.propagate, http.signingKey, context.propagation, exempt.callers,"
                + " report.jsonl, report.log, report.stackDepth)", e.getMessage());
        assertEquals("modus", e.key());
    }

    @Test
    void agentOptionGivenTwice() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load("mode=report,mode=off", Map.of(), Map.of()));

        assertEquals("invalid policy: agent option 'mode': given twice", e.getMessage());
    }

    @Test
    void unknownSystemProperty() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load(null, Map.of("tenantguard.files.rule", "/a/{tenant}"), Map.of()));

        assertEquals("invalid policy: system property 'tenantguard.files.rule': unknown key"
                + " 'files.rule' (known keys: tenantguard.config, tenantguard.mode,"
                + " tenantguard.noTenant, tenantguard.tenant.pattern, tenantguard.tenant.header, tenantguard.tenant.from, tenantguard.tenant.mdcKey, tenantguard.files.mode,"
                + " tenantguard.files.rules, tenantguard.files.metadata, tenantguard.jdbc.mode, tenantguard.jdbc.column, tenantguard.jdbc.tables, tenantguard.jdbc.schemas, tenantguard.jdbc.databases, tenantguard.jdbc.rlsSetting, tenantguard.http.mode, tenantguard.http.rules, tenantguard.http.propagate, tenantguard.http.signingKey, tenantguard.context.propagation, tenantguard.exempt.callers, tenantguard.report.jsonl,"
                + " tenantguard.report.log, tenantguard.report.stackDepth)", e.getMessage());
        assertEquals("files.rule", e.key());
    }

    @Test
    void unknownEnvironmentVariable() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load(null, Map.of(), Map.of("TENANTGUARD_STACKDEPTH", "3")));

        assertEquals("invalid policy: environment variable 'TENANTGUARD_STACKDEPTH': unknown key"
                + " 'STACKDEPTH' (known keys: TENANTGUARD_CONFIG, TENANTGUARD_MODE,"
                + " TENANTGUARD_NOTENANT, TENANTGUARD_TENANT_PATTERN, TENANTGUARD_TENANT_HEADER, TENANTGUARD_TENANT_FROM, TENANTGUARD_TENANT_MDCKEY, TENANTGUARD_FILES_MODE,"
                + " TENANTGUARD_FILES_RULES, TENANTGUARD_FILES_METADATA, TENANTGUARD_JDBC_MODE, TENANTGUARD_JDBC_COLUMN, TENANTGUARD_JDBC_TABLES, TENANTGUARD_JDBC_SCHEMAS, TENANTGUARD_JDBC_DATABASES, TENANTGUARD_JDBC_RLSSETTING, TENANTGUARD_HTTP_MODE, TENANTGUARD_HTTP_RULES, TENANTGUARD_HTTP_PROPAGATE, TENANTGUARD_HTTP_SIGNINGKEY, TENANTGUARD_CONTEXT_PROPAGATION, TENANTGUARD_EXEMPT_CALLERS, TENANTGUARD_REPORT_JSONL,"
                + " TENANTGUARD_REPORT_LOG, TENANTGUARD_REPORT_STACKDEPTH)", e.getMessage());
    }

    @Test
    void badOverrideValuesNameTheirSource() {
        assertEquals("invalid policy: agent option 'mode': expected one of enforce, report, off,"
                + " got 'strict'", message("mode=strict", Map.of(), Map.of()));
        assertEquals("invalid policy: system property 'tenantguard.files.rules': rule '/b/**' has no"
                + " {tenant}", message(null, Map.of("tenantguard.files.rules", "/a/{tenant};/b/**"), Map.of()));
        assertEquals("invalid policy: environment variable 'TENANTGUARD_REPORT_STACKDEPTH': must be"
                + " at least 1, got 0", message(null, Map.of(), Map.of("TENANTGUARD_REPORT_STACKDEPTH", "0")));
        assertEquals("invalid policy: environment variable 'TENANTGUARD_REPORT_LOG': expected true or"
                + " false, got 'on'", message(null, Map.of(), Map.of("TENANTGUARD_REPORT_LOG", "on")));
        assertEquals("invalid policy: agent option 'config': expected a file path, got nothing",
                message("config=", Map.of(), Map.of()));
    }

    @Test
    void theSigningKeyComesFromTheEnvironmentAndIsNeverPrinted() {
        Policy policy = load(null, Map.of(), Map.of("TENANTGUARD_HTTP_SIGNINGKEY", "0123456789abcdef-shared"));

        assertEquals("0123456789abcdef-shared", policy.http().signingKey());
        assertEquals("X-Tenant-ID-Signature", policy.http().signatureHeader());
        assertEquals(false, policy.http().toString().contains("0123456789abcdef"), policy.http().toString());
        assertNull(load(null, Map.of(), Map.of()).http().signingKey());
    }

    @Test
    void aShortSigningKeyIsRefusedWithoutShowingIt() {
        assertEquals("invalid policy: system property 'tenantguard.http.signingKey': a signing key needs at least"
                + " 16 characters, got 6 (the value itself is not shown)",
                message(null, Map.of("tenantguard.http.signingKey", "secret"), Map.of()));
    }

    @Test
    void badOverrideExceptionHasKeyButNoFile() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load(null, Map.of("tenantguard.noTenant", "never"), Map.of()));

        assertNull(e.file());
        assertEquals(0, e.line());
        assertEquals("noTenant", e.key());
    }

    private String message(String args, Map<String, String> props, Map<String, String> env) {
        return assertThrows(PolicyException.class, () -> load(args, props, env)).getMessage();
    }

    private Policy load(String args, Map<String, String> props, Map<String, String> env) {
        return PolicyLoader.load(args, props, env, dir);
    }
}
