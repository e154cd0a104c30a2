package dev.tenantguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way the policy file can be wrong, and the exact line a person would read. */
class PolicyFileErrorsTest {

    /** The keys a policy file may hold: every key but {@code config}, which only an override can set. */
    private static final String KNOWN_KEYS = OverridesTest.keys("", false).replace("config, ", "");

    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("unknown top-level key", "mode: report\nmodes: off\n", 2, "modes",
                        "unknown key 'modes' (known keys: " + KNOWN_KEYS + ")"),
                arguments("unknown nested key", "files:\n  mode: off\n  rulez: []\n", 3, "files.rulez",
                        "unknown key 'files.rulez' (known keys: files.mode, files.rules, files.metadata, files.onError)"),
                arguments("config is not a file key", "config: other.yaml\n", 1, "config",
                        "unknown key 'config' (known keys: " + KNOWN_KEYS + "); 'config' is an agent"
                                + " option, system property or environment variable, not a key of the file"),
                arguments("dotted key written flat", "files.rules: [\"/a/{tenant}\"]\n", 1, "files.rules",
                        "unknown key 'files.rules' (known keys: " + KNOWN_KEYS + "); write it nested:"
                                + " 'files:' then 'rules:' indented under it"),
                arguments("key given twice", "mode: report\nmode: off\n", 2, "mode",
                        "given twice (first on line 1)"),
                arguments("section that is not a mapping", "report: true\n", 1, "report",
                        "expected keys under it (report.jsonl, report.baseline, report.log, report.stackDepth, report.otel, report.observe), got 'true'"),
                arguments("bad mode", "mode: strict\n", 1, "mode",
                        "expected one of enforce, report, off, got 'strict'"),
                arguments("empty mode", "mode:\n", 1, "mode",
                        "expected one of enforce, report, off, got nothing"),
                arguments("mode as a mapping", "mode:\n  files: off\n", 2, "mode",
                        "expected a single value, got a mapping"),
                arguments("bad noTenant", "noTenant: off\n", 1, "noTenant",
                        "expected one of enforce, report, allow, got 'off'"),
                arguments("bad files.mode", "files:\n  mode: allow\n", 2, "files.mode",
                        "expected one of enforce, report, off, got 'allow'"),
                arguments("bad regex", "tenant:\n  pattern: '[a-z'\n", 2, "tenant.pattern",
                        "bad regular expression '[a-z': Unclosed character class at index 3"),
                arguments("regex as a list", "tenant:\n  pattern: [a, b]\n", 2, "tenant.pattern",
                        "expected a single value, got a list"),
                arguments("rules as a string", "files:\n  rules: /srv/{tenant}/**\n", 2, "files.rules",
                        "expected a list of strings, got '/srv/{tenant}/**'"),
                arguments("rules empty", "files:\n  rules:\n", 2, "files.rules",
                        "expected a list of strings, got nothing"),
                arguments("rule that is a mapping", "files:\n  rules:\n    - /a/{tenant}\n    - path: x\n",
                        4, "files.rules", "expected a list of strings, but an item is a mapping"),
                arguments("rule without {tenant}", "files:\n  rules:\n    - /srv/{tenant}/**\n    - /srv/x/**\n",
                        4, "files.rules", "rule '/srv/x/**' has no {tenant}"),
                arguments("rule with {tenant} twice", "files:\n  rules:\n    - /srv/{tenant}/{tenant}.csv\n",
                        3, "files.rules", "rule '/srv/{tenant}/{tenant}.csv' has {tenant} more than once"),
                arguments("rule with another placeholder", "files:\n  rules: [\"/srv/{tenant}/{id}\"]\n",
                        2, "files.rules",
                        "rule '/srv/{tenant}/{id}' has '{' or '}' outside {tenant} (it is the only placeholder)"),
                arguments("empty rule", "files:\n  rules:\n    - ''\n", 3, "files.rules", "a rule is empty"),
                arguments("trusted routine argument that is neither tenant nor _",
                        "jdbc:\n  column: tenant_id\n  tables: [orders]\n  trustedRoutines:\n    - delete_order(p_tenant, _)\n",
                        5, "jdbc.trustedRoutines", "'delete_order(p_tenant, _)'" + " is not a routine (write it unquoted, as name or schema.name, followed by its arguments when one names"
                                + " the tenant: \"delete_order(tenant, _)\", quoted in a [...] list)"),
                arguments("trusted routine with arguments unquoted in a flow list",
                        "jdbc:\n  column: tenant_id\n  tables: [orders]\n  trustedRoutines: [delete_order(tenant, _)]\n",
                        4, "jdbc.trustedRoutines", "'delete_order(tenant'" + " is not a routine (write it unquoted, as name or schema.name, followed by its arguments when one names"
                                + " the tenant: \"delete_order(tenant, _)\", quoted in a [...] list)"),
                arguments("bad caller", "exempt:\n  callers:\n    - com.example.*\n    - com..Admin\n", 4,
                        "exempt.callers",
                        "caller 'com..Admin' is not a class name (com.x.Foo), package.* or package.**"),
                arguments("caller method written as a class", "exempt:\n  callers:\n    - com.x.Admin#purge*\n"
                        + "    - com.x.Admin.purge\n", 4, "exempt.callers", "caller 'com.x.Admin.purge' gives a method"
                        + " where a class is expected: 'purge' follows the class com.x.Admin (write com.x.Admin#purge)"),
                arguments("caller class written as a method", "exempt:\n  callers: [\"com.x.Admin#Job\"]\n", 2,
                        "exempt.callers", "caller 'com.x.Admin#Job' gives a class where a method is expected after"
                        + " '#': Job (a class's nested classes are covered by the class: write com.x.Admin, or"
                        + " com.x.Admin$Nested#method)"),
                arguments("caller wildcard alone", "exempt:\n  callers: ['*']\n", 2, "exempt.callers",
                        "caller '*' is not a class name (com.x.Foo), package.* or package.**"),
                arguments("callers as a mapping", "exempt:\n  callers:\n    admin: com.x.Admin\n", 3,
                        "exempt.callers", "expected a list of strings, got a mapping"),
                arguments("tenant header with a space", "tenant:\n  header: X Tenant\n", 2, "tenant.header",
                        "'X Tenant' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)"),
                arguments("tenant header with a colon", "tenant:\n  header: 'X-Tenant:'\n", 2, "tenant.header",
                        "'X-Tenant:' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)"),
                arguments("tenant header empty", "tenant:\n  header: ''\n", 2, "tenant.header",
                        "expected an HTTP header name, got nothing"),
                arguments("tenant header the client owns", "tenant:\n  header: Host\n", 2, "tenant.header",
                        "'Host' cannot carry the tenant: the HTTP client or the agent itself sets it"),
                arguments("tenant header baggage", "tenant:\n  header: Baggage\n", 2, "tenant.header",
                        "'Baggage' cannot carry the tenant: the HTTP client or the agent itself sets it"),
                arguments("unknown tenant source", "tenant:\n  from: [header, cookie]\n", 2, "tenant.from",
                        "unknown source 'cookie' (known: header, subdomain, path, jwtClaim, query, baggage, hibernate)"),
                arguments("query source without its parameter", "tenant:\n  from: [header, query]\n", 2,
                        "tenant.from", "query needs its argument, e.g. {query: tenant}"),
                arguments("query source with a bad name", "tenant:\n  from:\n    - {query: \"t&x\"}\n", 3,
                        "tenant.from", "query 't&x': not a query parameter name (no &, =, %, + or #)"),
                arguments("path source without its pattern", "tenant:\n  from:\n    - header\n    - path\n", 4,
                        "tenant.from", "path needs its argument, e.g. {path: \"/t/{tenant}/**\"}"),
                arguments("path source without tenant", "tenant:\n  from:\n    - {path: \"/t/*/**\"}\n", 3,
                        "tenant.from", "path '/t/*/**': has no {tenant}"),
                arguments("path source with ** inside", "tenant:\n  from:\n    - {path: \"/t/**/{tenant}\"}\n", 3,
                        "tenant.from", "path '/t/**/{tenant}': ** may only be the last segment"),
                arguments("path source with a partial tenant segment", "tenant:\n  from:\n    - {path: \"/t-{tenant}\"}\n",
                        3, "tenant.from", "path '/t-{tenant}': {tenant} must be a whole segment"),
                arguments("subdomain source with a port", "tenant:\n  from:\n    - {subdomain: \"{tenant}.x.com:8080\"}\n",
                        3, "tenant.from", "subdomain '{tenant}.x.com:8080': a host pattern has no scheme, port or path"),
                arguments("jwtClaim without a claim", "tenant:\n  from:\n    - jwtClaim\n", 3, "tenant.from",
                        "jwtClaim needs its argument, e.g. {jwtClaim: tenant_id}"),
                arguments("header source with a bad name", "tenant:\n  from:\n    - {header: \"X Tenant\"}\n", 3,
                        "tenant.from", "header 'X Tenant': not a valid HTTP header name"),
                arguments("tenant source of two keys", "tenant:\n  from:\n    - path: \"/t/{tenant}/**\"\n      header: X\n",
                        3, "tenant.from", "expected a source such as header, or one with its argument such as"
                                + " {path: \"/t/{tenant}/**\"}, but an item is a mapping of 2 keys or a nested value"),
                arguments("tenant sources as a string", "tenant:\n  from: header\n", 2, "tenant.from",
                        "expected a list of strings, got 'header'"),
                arguments("mdc key with a space", "tenant:\n  mdcKey: 'tenant id'\n", 2, "tenant.mdcKey",
                        "an MDC key has no spaces, got 'tenant id'"),
                arguments("propagate not a boolean", "http:\n  propagate: sometimes\n", 2, "http.propagate",
                        "expected true or false, got 'sometimes'"),
                arguments("context propagation not a boolean", "context:\n  propagation: on\n", 2,
                        "context.propagation", "expected true or false, got 'on'"),
                arguments("jsonl as a list", "report:\n  jsonl: [a.jsonl]\n", 2, "report.jsonl",
                        "expected a single value, got a list"),
                arguments("log not a boolean", "report:\n  log: maybe\n", 2, "report.log",
                        "expected true or false, got 'maybe'"),
                arguments("log yes is not a boolean", "report:\n  log: yes\n", 2, "report.log",
                        "expected true or false, got 'yes'"),
                arguments("stackDepth not a number", "report:\n  stackDepth: many\n", 2,
                        "report.stackDepth", "expected a whole number, got 'many'"),
                arguments("stackDepth 0", "report:\n  log: true\n  stackDepth: 0\n", 3,
                        "report.stackDepth", "must be at least 1, got 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileNamesFileLineAndKey(String name, String yaml, int line, String key, String problem)
            throws IOException {
        Path file = write(yaml);

        PolicyException e = load();

        assertEquals("invalid policy " + file + ":" + line + ": key '" + key + "': " + problem,
                e.getMessage());
        assertEquals(file.toString(), e.file());
        assertEquals(line, e.line());
        assertEquals(key, e.key());
    }

    @Test
    void yamlSyntaxErrorGivesTheLineFromTheParser() throws IOException {
        Path file = write("mode: report\nfiles:\n  mode: off\n    rules: x\n");

        PolicyException e = load();

        assertEquals("invalid policy " + file + ":4: YAML syntax error: mapping values are not"
                + " allowed here", e.getMessage());
        assertEquals(4, e.line());
        assertEquals(null, e.key());
    }

    @Test
    void unquotedTenantInAFlowListGetsAHint() throws IOException {
        Path file = write("files:\n  rules: [/srv/{tenant}/**]\n");

        PolicyException e = load();

        assertEquals("invalid policy " + file + ":2: YAML syntax error: while parsing a flow sequence,"
                + " expected ',' or ']', but got { (put values with {tenant} in quotes)", e.getMessage());
    }

    @Test
    void nullWrittenAnyWayIsNull() throws IOException {
        for (String none : new String[] {"~", "null", "Null", "NULL", ""}) {
            write("report:\n  jsonl: " + none + "\n");

            assertEquals(null, PolicyLoader.load(null, Map.of(), Map.of(), dir).reportJsonl(), none);
        }
    }

    @Test
    void moreThanOneDocumentIsASyntaxError() throws IOException {
        Path file = write("mode: report\n---\nmode: off\n");

        PolicyException e = load();

        assertEquals("invalid policy " + file + ":2: YAML syntax error: expected a single document"
                + " in the stream, but found another document", e.getMessage());
    }

    @Test
    void topLevelThatIsNotAMappingIsAnErrorOnLine1() throws IOException {
        Path file = write("- mode: report\n");

        PolicyException e = load();

        assertEquals("invalid policy " + file + ":1: expected keys such as 'mode:' at the top level,"
                + " got a list", e.getMessage());
        assertEquals(1, e.line());
    }

    @Test
    void multiLineValueKeepsTheMessageOnOneLine() throws IOException {
        write("mode: |\n  report\n  off\n");

        PolicyException e = load();

        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aSectionWithEveryKeyCommentedOutIsFine() throws IOException {
        write("files:\n#  rules: [/a/{tenant}]\nmode: report\n");

        assertEquals(Mode.REPORT, PolicyLoader.load(null, Map.of(), Map.of(), dir).mode());
    }

    private PolicyException load() {
        return assertThrows(PolicyException.class, () -> PolicyLoader.load(null, Map.of(), Map.of(), dir));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve(PolicyLoader.DEFAULT_FILE_NAME), yaml);
    }
}
