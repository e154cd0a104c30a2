package dev.tenantguard.agent.config;

import dev.tenantguard.agent.config.RawValue.Items;
import dev.tenantguard.agent.config.RawValue.Text;
import dev.tenantguard.agent.policy.CallerPatterns;
import dev.tenantguard.agent.policy.UrlRule;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Turns raw values into typed ones, with the same checks whether a value came from the file or
 * from an override, and a message that names the key and where it was written when one fails.
 */
final class PolicyValueParser {

    private static final String TENANT = "{tenant}";
    /** Headers the HTTP clients own or refuse, and the one the agent sets besides the tenant header. */
    private static final List<String> RESERVED_HEADERS = List.of("baggage", "connection", "content-length",
            "content-transfer-encoding", "content-type", "expect", "host", "keep-alive", "origin", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade", "via");

    private final Path workingDirectory;

    /** @param workingDirectory absolute; relative paths in the policy are resolved against it */
    PolicyValueParser(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /**
     * The typed value of a key: the one table of which check reads which key. A switch rather
     * than a parser per key passed as a method reference, because this runs in premain (see
     * PolicyLoader.resolve); a key added to {@link PolicyKey} without a line here does not compile.
     */
    Object value(RawValue value) {
        return switch (value.key()) {
            case CONFIG -> requiredPath(value);
            case MODE, FILES_MODE, JDBC_MODE, HTTP_MODE, REDIS_MODE, MESSAGING_MODE -> mode(value);
            case NO_TENANT -> noTenant(value);
            case ON_ERROR, FILES_ON_ERROR, JDBC_ON_ERROR, HTTP_ON_ERROR -> choice(value, OnError.class);
            case TENANT_PATTERN -> regex(value);
            case TENANT_HEADER -> headerName(value);
            case TENANT_FROM -> tenantSources(value);
            case TENANT_MDC_KEY -> mdcKey(value);
            case FILES_RULES -> fileRules(value);
            case JDBC_COLUMN, JDBC_RLS_SETTING -> identifier(value);
            case JDBC_TABLES -> tables(value);
            case JDBC_TRUSTED_ROUTINES -> routines(value);
            case JDBC_SCHEMAS, JDBC_DATABASES -> tenantPatterns(value);
            case HTTP_RULES -> urlRules(value);
            case REDIS_KEYS -> keyRules(value);
            case MESSAGING_RULES -> destinationRules(value);
            case HTTP_PROPAGATE, CONTEXT_PROPAGATION, REPORT_LOG, MESSAGING_PROPAGATE, FILES_METADATA, REPORT_OBSERVE -> bool(value);
            case HTTP_SIGNING_KEY -> signingKey(value);
            case EXEMPT_CALLERS -> callers(value);
            case REPORT_JSONL -> jsonlTarget(value);
            case REPORT_BASELINE -> optionalPath(value);
            case REPORT_STACK_DEPTH -> positiveInt(value);
            case REPORT_OTEL -> choice(value, OtelReporting.class);
        };
    }

    Mode mode(RawValue value) {
        return choice(value, Mode.class);
    }

    NoTenantResponse noTenant(RawValue value) {
        return choice(value, NoTenantResponse.class);
    }

    String regex(RawValue value) {
        String regex = text(value);
        if (regex == null || regex.isEmpty()) {
            throw value.fail("expected a regular expression, got nothing");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            String at = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
            throw value.fail("bad regular expression '" + regex + "': " + e.getDescription() + at);
        }
        return regex;
    }

    List<String> fileRules(RawValue value) {
        List<String> rules = new ArrayList<>();
        for (Text item : items(value)) {
            String rule = item.text();
            if (rule == null || rule.isBlank()) {
                throw item.fail("a rule is empty");
            }
            int tenants = occurrences(rule, TENANT);
            if (tenants == 0) {
                throw item.fail("rule '" + rule + "' has no " + TENANT);
            }
            if (tenants > 1) {
                throw item.fail("rule '" + rule + "' has " + TENANT + " more than once");
            }
            if (("/" + rule + "/").contains("/../")) {
                throw item.fail("rule '" + rule + "' has a '..' segment (write the directory it means)");
            }
            String rest = rule.replace(TENANT, "");
            if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
                throw item.fail("rule '" + rule + "' has '{' or '}' outside " + TENANT
                        + " (it is the only placeholder)");
            }
            rules.add(rule);
        }
        return rules;
    }

    /** Redis key rules: {@code {tenant}} exactly once, in one {@code :}-separated segment. */
    List<String> keyRules(RawValue value) {
        List<String> rules = new ArrayList<>();
        for (Text item : items(value)) {
            String rule = item.text() == null ? "" : item.text().trim();
            if (rule.isEmpty()) {
                throw item.fail("a rule is empty");
            }
            int tenants = occurrences(rule, TENANT);
            if (tenants != 1) {
                throw item.fail("rule '" + rule + "' must hold " + TENANT + " exactly once");
            }
            String rest = rule.replace(TENANT, "");
            if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
                throw item.fail("rule '" + rule + "' has '{' or '}' outside " + TENANT + " (it is the only placeholder)");
            }
            rules.add(rule);
        }
        return rules;
    }

    /** Message destinations: {@code amqp://[exchange/]routing-key} with {@code {tenant}} exactly once. */
    List<String> destinationRules(RawValue value) {
        List<String> rules = new ArrayList<>();
        for (Text item : items(value)) {
            String rule = item.text() == null ? "" : item.text().trim();
            try {
                dev.tenantguard.agent.policy.DestinationRule.compile(rule);
            } catch (IllegalArgumentException e) {
                throw item.fail(e.getMessage());
            }
            rules.add(rule);
        }
        return rules;
    }

    /** Table names, or the single word {@code auto}. */
    /**
     * Routine names, optionally schema-qualified, unquoted, compared case-insensitively; optionally with
     * their arguments by position, {@code tenant} for one that names the tenant, {@code _} for any other:
     * {@code delete_order(tenant, _)}.
     */
    List<String> routines(RawValue value) {
        List<String> routines = new ArrayList<>();
        for (Text item : items(value)) {
            String routine = item.text() == null ? "" : item.text().trim();
            if (!routine.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?"
                    + "(\\s*\\(\\s*((tenant|_)\\s*(,\\s*(tenant|_)\\s*)*)?\\))?")) {
                throw item.fail("'" + routine + "' is not a routine (write it unquoted, as name or schema.name, followed by"
                        + " its arguments when one names the tenant: \"delete_order(tenant, _)\", quoted in a [...] list)");
            }
            routines.add(routine.toLowerCase(java.util.Locale.ROOT));
        }
        return routines;
    }

    List<String> tables(RawValue value) {
        List<String> tables = new ArrayList<>();
        for (Text item : items(value)) {
            String table = item.text() == null ? "" : item.text().trim();
            if (!table.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                throw item.fail("'" + table + "' is not a table name (write it unquoted, without schema), or auto");
            }
            tables.add(table);
        }
        if (tables.contains(JdbcPolicy.AUTO) && tables.size() > 1) {
            throw value.fail("auto stands alone: it means every table that has the tenant column");
        }
        return tables;
    }

    /** An SQL identifier such as the tenant column or a setting name. */
    String identifier(RawValue value) {
        String text = text(value);
        if (text == null || !text.matches("[A-Za-z_][A-Za-z0-9_$.]*")) {
            throw value.fail("expected an identifier, got " + quote(text));
        }
        return text;
    }

    /** Patterns with {@code {tenant}} exactly once: schema names or JDBC URLs. */
    List<String> tenantPatterns(RawValue value) {
        List<String> patterns = new ArrayList<>();
        for (Text item : items(value)) {
            String pattern = item.text() == null ? "" : item.text().trim();
            int tenants = occurrences(pattern, TENANT);
            if (tenants != 1) {
                throw item.fail("'" + pattern + "' must hold " + TENANT + " exactly once");
            }
            patterns.add(pattern);
        }
        return patterns;
    }

    /** URL patterns with {@code {tenant}} in a host label or a path segment. */
    List<String> urlRules(RawValue value) {
        List<String> rules = new ArrayList<>();
        for (Text item : items(value)) {
            String rule = item.text() == null ? "" : item.text().trim();
            try {
                UrlRule.compile(rule);
            } catch (IllegalArgumentException e) {
                throw item.fail(e.getMessage());
            }
            rules.add(rule);
        }
        return rules;
    }

    /**
     * An HTTP header name (an RFC 9110 token) that the agent may set on every outbound request:
     * not one of the headers the HTTP stack owns (framing, connection, host) nor {@code baggage},
     * which the agent sets itself.
     */
    static final int MIN_SIGNING_KEY_LENGTH = 16;

    String headerName(RawValue value) {
        String name = text(value) == null ? "" : text(value).trim();
        if (name.isEmpty()) {
            throw value.fail("expected an HTTP header name, got nothing");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw value.fail("'" + name + "' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            }
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw value.fail("'" + name + "' cannot carry the tenant: the HTTP client or the agent itself sets it");
        }
        return name;
    }

    /**
     * A secret shared by the services that sign the tenant header: at least
     * {@value #MIN_SIGNING_KEY_LENGTH} characters, so that it cannot be guessed; {@code null} when empty.
     */
    String signingKey(RawValue value) {
        String key = text(value);
        if (key == null || key.isEmpty()) {
            return null;
        }
        if (key.length() < MIN_SIGNING_KEY_LENGTH) {
            throw value.fail("a signing key needs at least " + MIN_SIGNING_KEY_LENGTH + " characters, got "
                    + key.length() + " (the value itself is not shown)");
        }
        return key;
    }

    /**
     * The {@code tenant.from} sources: {@code kind} or {@code kind=argument} (in the file
     * {@code {kind: argument}}), each checked as the server side will use it.
     */
    List<TenantSource> tenantSources(RawValue value) {
        List<TenantSource> sources = new ArrayList<>();
        for (Text item : items(value)) {
            String text = item.text() == null ? "" : item.text().trim();
            int eq = text.indexOf('=');
            String name = (eq < 0 ? text : text.substring(0, eq)).trim();
            String argument = eq < 0 ? null : text.substring(eq + 1).trim();
            TenantSource.Kind kind = TenantSource.Kind.named(name);
            if (kind == null) {
                throw item.fail("unknown source '" + name + "' (known: " + TenantSource.Kind.known() + ")");
            }
            if (argument != null && argument.isEmpty()) {
                argument = null;
            }
            if (argument == null && kind.needsArgument) {
                throw item.fail(kind.spelling + " needs its argument, e.g. " + example(kind));
            }
            try {
                new TenantSource(kind, argument).validate();
            } catch (IllegalArgumentException e) {
                throw item.fail(kind.spelling + " '" + argument + "': " + e.getMessage());
            }
            sources.add(new TenantSource(kind, argument));
        }
        return sources;
    }

    private static String example(TenantSource.Kind kind) {
        return switch (kind) {
            case SUBDOMAIN -> "{subdomain: \"{tenant}.app.example.com\"}";
            case PATH -> "{path: \"/t/{tenant}/**\"}";
            case JWT_CLAIM -> "{jwtClaim: tenant_id}";
            case QUERY -> "{query: tenant}";
            default -> kind.spelling;
        };
    }

    /** An SLF4J MDC key: any text without spaces. */
    String mdcKey(RawValue value) {
        String key = text(value);
        if (key == null || key.isBlank()) {
            return null;
        }
        if (!key.equals(key.trim()) || hasWhitespace(key)) {
            throw value.fail("an MDC key has no spaces, got '" + key + "'");
        }
        return key;
    }

    List<String> callers(RawValue value) {
        List<String> callers = new ArrayList<>();
        for (Text item : items(value)) {
            String caller = item.text() == null ? "" : item.text();
            String problem = CallerPatterns.problem(caller);
            if (problem != null) {
                throw item.fail(problem);
            }
            callers.add(caller);
        }
        return callers;
    }

    /** A path to write to, or {@code null} when none is given (nothing, or an empty string). */
    /**
     * {@code report.jsonl}: {@code stdout} (any case) for the process's standard output, else a file
     * path as {@link #optionalPath}; a file named {@code stdout} is written as {@code ./stdout}.
     */
    String jsonlTarget(RawValue value) {
        String text = text(value);
        return text != null && text.strip().equalsIgnoreCase(Policy.JSONL_STDOUT) ? Policy.JSONL_STDOUT
                : optionalPath(value);
    }

    String optionalPath(RawValue value) {
        String path = text(value);
        return path == null || path.isBlank() ? null : path(value, path).toString();
    }

    Path requiredPath(RawValue value) {
        String path = text(value);
        if (path == null || path.isBlank()) {
            throw value.fail("expected a file path, got nothing");
        }
        return path(value, path);
    }

    boolean bool(RawValue value) {
        String text = text(value);
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw value.fail("expected true or false, got " + quote(text));
    }

    int positiveInt(RawValue value) {
        String text = text(value);
        int number;
        try {
            number = Integer.parseInt(text == null ? "" : text);
        } catch (NumberFormatException e) {
            throw value.fail("expected a whole number, got " + quote(text));
        }
        if (number < 1) {
            throw value.fail("must be at least 1, got " + number);
        }
        return number;
    }

    private <E extends Enum<E>> E choice(RawValue value, Class<E> type) {
        String text = text(value);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw value.fail("expected one of " + choices + ", got " + quote(text));
    }

    private Path path(RawValue value, String path) {
        try {
            return workingDirectory.resolve(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw value.fail("not a valid path '" + path + "': " + e.getReason());
        }
    }

    private static boolean hasWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    // The reader and the override parsers give each key the shape it needs; a mismatch here is
    // a bug in this package, not in the user's policy.
    private static String text(RawValue value) {
        return ((Text) value).text();
    }

    private static List<Text> items(RawValue value) {
        return ((Items) value).items();
    }

    private static String quote(String text) {
        return text == null || text.isEmpty() ? "nothing" : "'" + text + "'";
    }
}
