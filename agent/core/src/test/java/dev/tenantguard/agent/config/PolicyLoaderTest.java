package dev.tenantguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileAnywhereGivesDefaults() {
        Policy policy = load(null, Map.of(), Map.of());

        assertEquals(new Policy("defaults", Mode.ENFORCE, Mode.ENFORCE, NoTenantResponse.ENFORCE,
                Policy.DEFAULT_TENANT_PATTERN, List.of(),
                new JdbcPolicy(Mode.ENFORCE, null, List.of(), List.of(), List.of(), null),
                new HttpPolicy(Mode.ENFORCE, List.of(), "X-Tenant-ID", true, null), List.of(), null, true,
                Policy.DEFAULT_STACK_DEPTH, true), policy);
    }

    @Test
    void emptyFileGivesDefaultsWithTheFileAsSource() throws IOException {
        Path file = write("tenant-guard.yaml", "# nothing configured yet\n");

        Policy policy = load(null, Map.of(), Map.of());

        assertEquals(file.toString(), policy.source());
        assertEquals(Mode.ENFORCE, policy.mode());
        assertEquals(List.of(), policy.fileRules());
        assertEquals(Policy.DEFAULT_STACK_DEPTH, policy.stackDepth());
    }

    @Test
    void fullFileSetsEveryField() throws IOException {
        Path file = write("policy.yaml", String.join("\n",
                "mode: REPORT",
                "noTenant: enforce",
                "tenant:",
                "  pattern: \"[a-z]+\"",
                "  header: X-Org-Tenant",
                "files:",
                "  mode: off",
                "  rules:",
                "    - /srv/data/tenants/{tenant}/**",
                "    - /srv/exports/{tenant}-*.csv",
                "jdbc:",
                "  mode: enforce",
                "  column: tenant_id",
                "  tables: [orders, invoices]",
                "  schemas: [\"tenant_{tenant}\"]",
                "  databases: [\"jdbc:postgresql://db:5432/tenant_{tenant}\"]",
                "  rlsSetting: app.tenant",
                "http:",
                "  rules: [\"https://{tenant}.api.example.com/**\"]",
                "  propagate: false",
                "context:",
                "  propagation: false",
                "exempt:",
                "  callers: [\"com.example.admin.**\", com.example.Ops, com.example.jobs.*]",
                "report:",
                "  jsonl: /var/log/tg/violations.jsonl",
                "  log: False",
                "  stackDepth: 5",
                ""));

        Policy policy = load("config=" + file, Map.of(), Map.of());

        assertEquals(new Policy(file.toString(), Mode.REPORT, Mode.OFF, NoTenantResponse.ENFORCE,
                "[a-z]+",
                List.of("/srv/data/tenants/{tenant}/**", "/srv/exports/{tenant}-*.csv"),
                new JdbcPolicy(Mode.ENFORCE, "tenant_id", List.of("orders", "invoices"), List.of("tenant_{tenant}"),
                        List.of("jdbc:postgresql://db:5432/tenant_{tenant}"), "app.tenant"),
                new HttpPolicy(Mode.REPORT, List.of("https://{tenant}.api.example.com/**"), "X-Org-Tenant", false, null),
                List.of("com.example.admin.**", "com.example.Ops", "com.example.jobs.*"),
                "/var/log/tg/violations.jsonl", false, 5, false), policy);
    }

    @Test
    void tenantSourcesInTheFileKeepTheirOrderAndArguments() throws IOException {
        Path file = write("policy.yaml", String.join("\n",
                "tenant:",
                "  mdcKey: tenantId",
                "  from:",
                "    - header",
                "    - {header: X-Org}",
                "    - {subdomain: \"{tenant}.app.example.com\"}",
                "    - {path: \"/t/{tenant}/**\"}",
                "    - {jwtClaim: tenant_id}",
                "    - baggage",
                ""));

        Policy policy = load("config=" + file, Map.of(), Map.of());

        assertEquals(new InboundPolicy(List.of(
                new TenantSource(TenantSource.Kind.HEADER, null),
                new TenantSource(TenantSource.Kind.HEADER, "X-Org"),
                new TenantSource(TenantSource.Kind.SUBDOMAIN, "{tenant}.app.example.com"),
                new TenantSource(TenantSource.Kind.PATH, "/t/{tenant}/**"),
                new TenantSource(TenantSource.Kind.JWT_CLAIM, "tenant_id"),
                new TenantSource(TenantSource.Kind.BAGGAGE, null)), "tenantId"), policy.inbound());
    }

    @Test
    void tenantSourcesDefaultToTheHeaderAndAnEmptyListTurnsThemOff() throws IOException {
        assertEquals(InboundPolicy.defaults(), load(null, Map.of(), Map.of()).inbound());
        assertEquals(List.of(new TenantSource(TenantSource.Kind.HEADER, null)), InboundPolicy.DEFAULT_FROM);

        Path file = write("policy.yaml", "tenant:\n  from: []\n");
        InboundPolicy off = load("config=" + file, Map.of(), Map.of()).inbound();

        assertEquals(List.of(), off.from());
        assertEquals(false, off.instrumented());
    }

    @Test
    void tenantSourcesAsAnOverride() {
        InboundPolicy inbound = load("tenant.from=path=/t/{tenant}/**;jwtClaim=org", Map.of(),
                Map.of("TENANTGUARD_TENANT_MDCKEY", "org")).inbound();

        assertEquals(new InboundPolicy(List.of(new TenantSource(TenantSource.Kind.PATH, "/t/{tenant}/**"),
                new TenantSource(TenantSource.Kind.JWT_CLAIM, "org")), "org"), inbound);
    }

    @Test
    void aBadHttpRuleNamesItsLine() throws IOException {
        Path file = write("policy.yaml", "http:\n  rules:\n    - https://{tenant}.example.com/**\n    - ftp://{tenant}.example.com/\n");

        PolicyException e = assertThrows(PolicyException.class, () -> load("config=" + file, Map.of(), Map.of()));

        assertEquals(4, e.line());
        assertEquals("http.rules", e.key());
    }

    @Test
    void jdbcTablesMayBeAuto() throws IOException {
        Path file = write("policy.yaml", "jdbc:\n  column: tenant_id\n  tables: auto\n");

        Policy policy = load("config=" + file, Map.of(), Map.of());

        assertEquals(true, policy.jdbc().autoTables());
        assertEquals(true, policy.jdbc().guardsAnything());
    }

    @Test
    void jdbcTablesWithoutAColumnAreRefused() throws IOException {
        Path file = write("policy.yaml", "jdbc:\n  tables: [orders]\n");

        PolicyException e = assertThrows(PolicyException.class, () -> load("config=" + file, Map.of(), Map.of()));

        assertEquals(2, e.line());
        assertEquals("jdbc.tables", e.key());
    }

    @Test
    void trustedRoutinesMayDeclareTheirTenantArguments() throws IOException {
        Path file = write("policy.yaml", "jdbc:\n  column: tenant_id\n  tables: [orders]\n"
                + "  trustedRoutines: [\"delete_order(tenant, _)\", Billing.Orders_Of(tenant), purge_sessions]\n");

        Policy policy = load("config=" + file, Map.of(), Map.of());

        assertEquals(List.of("delete_order(tenant, _)", "billing.orders_of(tenant)", "purge_sessions"),
                policy.jdbc().trustedRoutines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[delete_order(tenant, _)]", "[\"delete_order(p_tenant)\"]", "[\"delete_order(tenant,)\"]",
            "[\"delete_order(tenant\"]", "[\"delete_order tenant\"]"})
    void aBadTrustedRoutineNamesItsLineAndKey(String list) throws IOException {
        Path file = write("policy.yaml", "jdbc:\n  column: tenant_id\n  tables: [orders]\n  trustedRoutines: " + list + "\n");

        PolicyException e = assertThrows(PolicyException.class, () -> load("config=" + file, Map.of(), Map.of()));

        assertEquals(4, e.line());
        assertEquals("jdbc.trustedRoutines", e.key());
        assertTrue(e.getMessage().contains("policy.yaml"), e.getMessage());
    }

    @Test
    void jdbcSchemaPatternNeedsTheTenant() throws IOException {
        Path file = write("policy.yaml", "jdbc:\n  schemas: [tenants]\n");

        PolicyException e = assertThrows(PolicyException.class, () -> load("config=" + file, Map.of(), Map.of()));

        assertEquals(2, e.line());
        assertEquals("jdbc.schemas", e.key());
    }

    @ParameterizedTest
    @CsvSource({"enforce, ENFORCE", "report, REPORT", "off, ALLOW"})
    void noTenantAndFilesModeFollowMode(String mode, NoTenantResponse expected) throws IOException {
        write("tenant-guard.yaml", "mode: " + mode + "\n");

        Policy policy = load(null, Map.of(), Map.of());

        assertEquals(expected, policy.noTenant());
        assertEquals(policy.mode(), policy.filesMode());
    }

    @Test
    void explicitNoTenantAndFilesModeBeatTheDerivedOnes() throws IOException {
        write("tenant-guard.yaml", "mode: off\nnoTenant: report\nfiles:\n  mode: enforce\n");

        Policy policy = load(null, Map.of(), Map.of());

        assertEquals(NoTenantResponse.REPORT, policy.noTenant());
        assertEquals(Mode.ENFORCE, policy.filesMode());
    }

    @Test
    void agentOptionBeatsSystemPropertyBeatsEnvironmentBeatsFile() throws IOException {
        write("tenant-guard.yaml", "report:\n  stackDepth: 1\n");
        Map<String, String> env = Map.of("TENANTGUARD_REPORT_STACKDEPTH", "2");
        Map<String, String> props = Map.of("tenantguard.report.stackDepth", "3");

        assertEquals(4, load("report.stackDepth=4", props, env).stackDepth());
        assertEquals(3, load(null, props, env).stackDepth());
        assertEquals(2, load(null, Map.of(), env).stackDepth());
        assertEquals(1, load(null, Map.of(), Map.of()).stackDepth());
    }

    @Test
    void eachKeyIsTakenFromItsOwnHighestSource() throws IOException {
        write("tenant-guard.yaml", "mode: report\nreport:\n  log: false\n  stackDepth: 7\n");

        Policy policy = load("mode=off", Map.of("tenantguard.noTenant", "enforce"),
                Map.of("TENANTGUARD_REPORT_STACKDEPTH", "9"));

        assertEquals(Mode.OFF, policy.mode());
        assertEquals(NoTenantResponse.ENFORCE, policy.noTenant());
        assertEquals(9, policy.stackDepth());
        assertEquals(false, policy.reportLog());
    }

    @Test
    void overrideReplacesTheFilesListInsteadOfMerging() throws IOException {
        write("tenant-guard.yaml", "files:\n  rules: ['/a/{tenant}/**', '/b/{tenant}/**']\n");

        Policy policy = load(null, Map.of(),
                Map.of("TENANTGUARD_FILES_RULES", "/c/{tenant}/** ; /d/{tenant}.csv"));

        assertEquals(List.of("/c/{tenant}/**", "/d/{tenant}.csv"), policy.fileRules());
    }

    @Test
    void emptyOverrideClearsAList() throws IOException {
        write("tenant-guard.yaml", "exempt:\n  callers: [com.example.Admin]\n");

        assertEquals(List.of(), load("exempt.callers=", Map.of(), Map.of()).exemptCallers());
    }

    @Test
    void configFromAgentOptionBeatsPropertyAndEnvironment() throws IOException {
        Path option = write("option.yaml", "mode: off\n");
        Path property = write("property.yaml", "mode: report\n");
        Path environment = write("environment.yaml", "mode: report\n");
        Map<String, String> props = Map.of("tenantguard.config", property.toString());
        Map<String, String> env = Map.of("TENANTGUARD_CONFIG", environment.toString());

        assertEquals(option.toString(), load("config=" + option, props, env).source());
        assertEquals(property.toString(), load(null, props, env).source());
        assertEquals(environment.toString(), load(null, Map.of(), env).source());
    }

    @Test
    void relativeConfigIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Path file = write("conf/guard.yaml", "mode: report\n");

        Policy policy = load("config=./conf/../conf/guard.yaml", Map.of(), Map.of());

        assertEquals(file.toString(), policy.source());
        assertEquals(Mode.REPORT, policy.mode());
    }

    @Test
    void namedConfigWinsOverTheFileInTheWorkingDirectory() throws IOException {
        write("tenant-guard.yaml", "mode: off\n");
        write("other.yaml", "mode: report\n");

        assertEquals(Mode.REPORT, load("config=other.yaml", Map.of(), Map.of()).mode());
    }

    @Test
    void tenantGuardYamlInTheWorkingDirectoryIsPickedUp() throws IOException {
        Path file = write("tenant-guard.yaml", "mode: report\n");

        Policy policy = load(null, Map.of(), Map.of());

        assertEquals(file.toString(), policy.source());
        assertEquals(Mode.REPORT, policy.mode());
    }

    @Test
    void relativeReportJsonlIsResolvedAgainstTheWorkingDirectory() throws IOException {
        write("tenant-guard.yaml", "report:\n  jsonl: logs/../violations.jsonl\n");

        assertEquals(dir.resolve("violations.jsonl").toString(),
                load(null, Map.of(), Map.of()).reportJsonl());
        assertEquals(dir.resolve("out/v.jsonl").toString(),
                load(null, Map.of("tenantguard.report.jsonl", "out/v.jsonl"), Map.of()).reportJsonl());
    }

    @Test
    void reportJsonlStdoutIsStandardOutputNotAFile() throws IOException {
        write("tenant-guard.yaml", "report:\n  jsonl: stdout\n");
        assertEquals(Policy.JSONL_STDOUT, load(null, Map.of(), Map.of()).reportJsonl());
        assertEquals(Policy.JSONL_STDOUT,
                load(null, Map.of(), Map.of("TENANTGUARD_REPORT_JSONL", " STDOUT ")).reportJsonl());

        write("tenant-guard.yaml", "report:\n  jsonl: ./stdout\n");
        assertEquals(dir.resolve("stdout").toString(), load(null, Map.of(), Map.of()).reportJsonl(),
                "a file named stdout is spelled as a path");
    }

    @Test
    void reportJsonlNullOrEmptyMeansNone() throws IOException {
        write("tenant-guard.yaml", "report:\n  jsonl: ~\n");
        assertNull(load(null, Map.of(), Map.of()).reportJsonl());

        write("tenant-guard.yaml", "report:\n  jsonl: v.jsonl\n");
        assertNull(load(null, Map.of(), Map.of("TENANTGUARD_REPORT_JSONL", "")).reportJsonl());
    }

    @Test
    void missingConfigFileNamesTheFileAndWhoNamedIt() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load("config=missing.yaml", Map.of(), Map.of()));

        String file = dir.resolve("missing.yaml").toString();
        assertEquals("invalid policy " + file + ": key 'config': cannot read the file: no such file"
                + " (named by agent option 'config')", e.getMessage());
        assertEquals(file, e.file());
        assertEquals(0, e.line());
        assertEquals("config", e.key());
    }

    @Test
    void unreadableConfigFileGivesTheIoReason() throws IOException {
        // A directory: unreadable as a file even for root, unlike a chmod 000 file.
        Path notAFile = Files.createDirectories(dir.resolve("policy.yaml"));

        PolicyException e = assertThrows(PolicyException.class,
                () -> load(null, Map.of("tenantguard.config", notAFile.toString()), Map.of()));

        assertEquals("invalid policy " + notAFile + ": key 'config': cannot read the file: "
                + "Is a directory (named by system property 'tenantguard.config')", e.getMessage());
    }

    @Test
    void unreadableFileInTheWorkingDirectoryIsAnErrorNotIgnored() throws IOException {
        Files.createDirectories(dir.resolve("tenant-guard.yaml"));

        PolicyException e = assertThrows(PolicyException.class, () -> load(null, Map.of(), Map.of()));

        assertEquals("invalid policy " + dir.resolve("tenant-guard.yaml") + ": key 'config': "
                + "cannot read the file: Is a directory (found in the working directory)", e.getMessage());
    }

    @Test
    void badFileValueFailsEvenWhenAnOverrideHidesIt() throws IOException {
        Path file = write("tenant-guard.yaml", "mode: strict\n");

        PolicyException e = assertThrows(PolicyException.class,
                () -> load("mode=report", Map.of(), Map.of()));

        assertEquals("invalid policy " + file + ":1: key 'mode': expected one of enforce, report, off,"
                + " got 'strict'", e.getMessage());
    }

    @Test
    void otherPropertiesAndVariablesAreIgnored() {
        Map<String, String> props = new HashMap<>();
        props.put("java.version", "17");
        props.put("tenantguardx", "1");
        Map<String, String> env = Map.of("PATH", "/usr/bin", "TENANTGUARDX", "1");

        assertEquals("defaults", load(null, props, env).source());
    }

    /** Each key is parsed by the check PolicyValueParser.value picks for it: one of each type, in its field. */
    @Test
    void everyKeyGivenAsASystemPropertyLandsInItsField() throws IOException {
        Path file = write("policy.yaml", "# all given as system properties\n");
        Map<String, String> values = new HashMap<>();
        values.put("config", file.toString());
        values.put("mode", "report");
        values.put("noTenant", "allow");
        values.put("tenant.pattern", "[a-z]+");
        values.put("tenant.header", "X-Org");
        values.put("tenant.from", "header;path=/t/{tenant}/**");
        values.put("tenant.mdcKey", "org");
        values.put("files.mode", "off");
        values.put("files.rules", "/srv/{tenant}/**");
        values.put("files.metadata", "false");
        values.put("jdbc.mode", "report");
        values.put("jdbc.column", "org_id");
        values.put("jdbc.tables", "orders");
        values.put("jdbc.schemas", "org_{tenant}");
        values.put("jdbc.databases", "jdbc:h2:mem:{tenant}");
        values.put("jdbc.rlsSetting", "app.org");
        values.put("jdbc.trustedRoutines", "Billing.Close_Month;audited_report");
        values.put("http.mode", "enforce");
        values.put("http.rules", "https://{tenant}.example.com/**");
        values.put("http.propagate", "false");
        values.put("http.signingKey", "0123456789abcdef");
        values.put("redis.mode", "report");
        values.put("redis.keys", "tenant:{tenant}:**;cache:*:{tenant}");
        values.put("messaging.mode", "off");
        values.put("messaging.rules", "amqp://orders.{tenant}.*;amqp://jobs/{tenant}.#");
        values.put("messaging.propagate", "false");
        values.put("context.propagation", "false");
        values.put("exempt.callers", "com.example.Ops");
        values.put("report.jsonl", "v.jsonl");
        values.put("report.log", "false");
        values.put("report.stackDepth", "3");
        values.put("report.otel", "off");
        values.put("report.baseline", "known.txt");
        values.put("report.observe", "true");
        values.put("onError", "failOpen");
        values.put("files.onError", "FAILCLOSED");
        values.put("jdbc.onError", "failclosed");
        values.put("http.onError", "failOpen");
        assertEquals(PolicyKey.values().length, values.size(), "a value for every key");
        Map<String, String> props = new HashMap<>();
        values.forEach((key, value) -> props.put(PolicyKey.SYSTEM_PROPERTY_PREFIX + key, value));

        Policy policy = load(null, props, Map.of());

        assertEquals(new Policy(file.toString(), Mode.REPORT, Mode.OFF, NoTenantResponse.ALLOW, "[a-z]+",
                List.of("/srv/{tenant}/**"),
                new JdbcPolicy(Mode.REPORT, "org_id", List.of("orders"), List.of("org_{tenant}"),
                        List.of("jdbc:h2:mem:{tenant}"), "app.org", List.of("billing.close_month", "audited_report")),
                new HttpPolicy(Mode.ENFORCE, List.of("https://{tenant}.example.com/**"), "X-Org", false,
                        "0123456789abcdef"),
                List.of("com.example.Ops"), dir.resolve("v.jsonl").toString(), false, 3, false,
                new InboundPolicy(List.of(new TenantSource(TenantSource.Kind.HEADER, null),
                        new TenantSource(TenantSource.Kind.PATH, "/t/{tenant}/**")), "org"), OtelReporting.OFF,
                dir.resolve("known.txt").toString(),
                new RedisPolicy(Mode.REPORT, List.of("tenant:{tenant}:**", "cache:*:{tenant}")),
                new MessagingPolicy(Mode.OFF, List.of("amqp://orders.{tenant}.*", "amqp://jobs/{tenant}.#"), false),
                new OnErrorPolicy(OnError.FAILOPEN, OnError.FAILCLOSED, OnError.FAILCLOSED, OnError.FAILOPEN), false, true), policy);
    }

    @Test
    void listsInThePolicyCannotBeChanged() throws IOException {
        write("tenant-guard.yaml", "files:\n  rules:\n    - /a/{tenant}\n");

        Policy policy = load(null, Map.of(), Map.of());

        assertThrows(UnsupportedOperationException.class, () -> policy.fileRules().add("/b/{tenant}"));
    }

    private Policy load(String agentArgs, Map<String, String> props, Map<String, String> env) {
        return PolicyLoader.load(agentArgs, props, env, dir);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
