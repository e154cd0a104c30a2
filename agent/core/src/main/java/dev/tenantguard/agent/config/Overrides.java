package dev.tenantguard.agent.config;

import dev.tenantguard.agent.config.RawValue.Items;
import dev.tenantguard.agent.config.RawValue.Origin;
import dev.tenantguard.agent.config.RawValue.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the policy values given outside the file: agent options ({@code key=value,...}), system
 * properties ({@code tenantguard.<key>}) and environment variables ({@code TENANTGUARD_<KEY>}).
 * List values are separated by {@code ;}, since {@code ,} already separates agent options.
 */
final class Overrides {

    private static final String LIST_SEPARATOR = ";";

    private Overrides() {
    }

    /** {@code config=/p/tenant-guard.yaml,mode=report}; {@code null} or blank means none. */
    static Map<PolicyKey, RawValue> fromAgentArgs(String agentArgs) {
        Map<PolicyKey, RawValue> values = new EnumMap<>(PolicyKey.class);
        if (agentArgs == null) {
            return values;
        }
        for (String option : splitOptions(agentArgs)) {
            if (option.isBlank()) {
                continue;  // "mode=report," or an empty argument string
            }
            int eq = option.indexOf('=');
            String name = (eq < 0 ? option : option.substring(0, eq)).trim();
            Origin origin = Origin.override("agent option '" + name + "'");
            if (eq < 0) {
                throw origin.error(null, "expected key=value (agent options are separated by ',')");
            }
            Optional<PolicyKey> known = PolicyKey.named(name);
            if (known.isEmpty()) {  // not orElseThrow(() -> ...): that lambda would be linked in premain
                throw origin.error(name, unknownKey(name, k -> k.dotted));
            }
            PolicyKey key = known.get();
            if (values.containsKey(key)) {
                throw origin.error(key.dotted, "given twice");
            }
            values.put(key, value(key, option.substring(eq + 1), origin));
        }
        return values;
    }

    /** Only {@code tenantguard.*} properties are read; every one of them must be a known key. */
    static Map<PolicyKey, RawValue> fromSystemProperties(Map<String, String> properties) {
        Map<PolicyKey, RawValue> values = new EnumMap<>(PolicyKey.class);
        for (Map.Entry<String, String> property : new TreeMap<>(properties).entrySet()) {
            String name = property.getKey();
            if (!name.startsWith(PolicyKey.SYSTEM_PROPERTY_PREFIX) || property.getValue() == null) {
                continue;
            }
            String dotted = name.substring(PolicyKey.SYSTEM_PROPERTY_PREFIX.length());
            Origin origin = Origin.override("system property '" + name + "'");
            Optional<PolicyKey> key = PolicyKey.named(dotted);
            if (key.isEmpty()) {
                throw origin.error(dotted, unknownKey(dotted, PolicyKey::systemProperty));
            }
            values.put(key.get(), value(key.get(), property.getValue(), origin));
        }
        return values;
    }

    /** Only {@code TENANTGUARD_*} variables are read; every one of them must be a known key. */
    static Map<PolicyKey, RawValue> fromEnvironment(Map<String, String> environment) {
        Map<PolicyKey, RawValue> values = new EnumMap<>(PolicyKey.class);
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PolicyKey.ENVIRONMENT_PREFIX) || variable.getValue() == null) {
                continue;
            }
            String given = name.substring(PolicyKey.ENVIRONMENT_PREFIX.length());
            Origin origin = Origin.override("environment variable '" + name + "'");
            Optional<PolicyKey> key = PolicyKey.withEnvironmentVariable(name);
            if (key.isEmpty()) {
                throw origin.error(given, unknownKey(given, PolicyKey::environmentVariable));
            }
            values.put(key.get(), value(key.get(), variable.getValue(), origin));
        }
        return values;
    }

    private static RawValue value(PolicyKey key, String text, Origin origin) {
        String trimmed = text.trim();
        if (!key.list) {
            return new Text(key, trimmed, origin);
        }
        List<Text> items = new ArrayList<>();
        if (!trimmed.isEmpty()) {  // an empty value is an empty list, e.g. to clear the file's rules
            for (String item : trimmed.split(LIST_SEPARATOR, -1)) {
                items.add(new Text(key, item.trim(), origin));
            }
        }
        return new Items(key, items, origin);
    }

    /**
     * Splits agent options at commas, except commas inside {@code ()}, {@code []} or
     * {@code {}}: a {@code tenant.pattern} such as {@code [a-z]{0,62}} then needs no quoting.
     */
    static List<String> splitOptions(String agentArgs) {
        List<String> options = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < agentArgs.length(); i++) {
            char c = agentArgs.charAt(i);
            if (c == '\\') {
                i++;  // an escaped bracket in a regex does not open or close anything
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                options.add(agentArgs.substring(start, i));
                start = i + 1;
            }
        }
        options.add(agentArgs.substring(start));
        return options;
    }

    private static String unknownKey(String given, Function<PolicyKey, String> spelling) {
        return "unknown key '" + given + "' (known keys: "
                + PolicyKey.join(Arrays.asList(PolicyKey.values()), spelling) + ")";
    }
}
