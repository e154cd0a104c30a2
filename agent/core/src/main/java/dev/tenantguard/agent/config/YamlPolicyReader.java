package dev.tenantguard.agent.config;

import dev.tenantguard.agent.config.RawValue.Items;
import dev.tenantguard.agent.config.RawValue.Origin;
import dev.tenantguard.agent.config.RawValue.Text;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the policy file into raw values by key, checking its structure: known keys only, nested
 * as in the design, each value of the right shape. Values themselves are checked later, the
 * same way for the file and for overrides.
 *
 * <p>Works on the YAML node tree rather than on loaded Java objects because only nodes keep the
 * line each key and value was written on.
 */
final class YamlPolicyReader {

    private final String file;

    private YamlPolicyReader(String file) {
        this.file = file;
    }

    /**
     * @param file    absolute, normalized path of the policy file
     * @param namedBy how the file was chosen, for the message when it cannot be read
     */
    static Map<PolicyKey, RawValue> read(Path file, String namedBy) {
        String text;
        // Read it whole first so that a missing or unreadable file is reported as such, apart
        // from YAML errors; policy files are a few lines long.
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new PolicyException(file.toString(), 0, PolicyKey.CONFIG.dotted, null,
                    "cannot read the file: " + reason(e) + " (" + namedBy + ")");
        }
        return new YamlPolicyReader(file.toString()).parse(text);
    }

    private Map<PolicyKey, RawValue> parse(String text) {
        // the files policies are written as are read without SnakeYAML (faster at start); any other
        // YAML, and every syntax error, is SnakeYAML's to read and to explain
        YamlNode root = SimpleYamlReader.read(text);
        if (root == SimpleYamlReader.UNSUPPORTED) {
            root = SnakeYamlTree.read(text, file);
        }
        Map<PolicyKey, RawValue> values = new EnumMap<>(PolicyKey.class);
        if (root == null || root.isNull) {
            return values;  // an empty file (or only comments): all defaults
        }
        if (root.kind != YamlNode.Kind.MAPPING) {
            throw error(root.line, null, "expected keys such as 'mode:' at the top level, got " + describe(root));
        }
        readMapping(root, "", values);
        return values;
    }

    private void readMapping(YamlNode mapping, String prefix, Map<PolicyKey, RawValue> values) {
        Map<String, Integer> seen = new HashMap<>();
        for (int entry = 0; entry < mapping.entries(); entry++) {
            YamlNode keyNode = mapping.key(entry);
            if (keyNode.kind != YamlNode.Kind.SCALAR) {
                throw error(keyNode.line, null, "expected a key name, got " + describe(keyNode));
            }
            String given = keyNode.text;
            String name = prefix + given;
            Integer first = seen.putIfAbsent(name, keyNode.line);
            if (first != null) {
                throw error(keyNode.line, name, "given twice (first on line " + first + ")");
            }
            YamlNode value = mapping.value(entry);
            // Strictly nested: "files.rules:" written flat is not the key files.rules, so a
            // policy has one spelling and a reader need not look for two.
            boolean plain = !given.contains(".");
            Optional<PolicyKey> key = PolicyKey.named(name);
            if (key.isPresent() && plain && !key.get().overrideOnly) {
                values.put(key.get(), key.get().list ? items(key.get(), value) : text(key.get(), value));
            } else if (plain && PolicyKey.isSection(name)) {
                readSection(name, value, values);
            } else {
                throw error(keyNode.line, name, unknownKey(name, prefix));
            }
        }
    }

    private void readSection(String name, YamlNode value, Map<PolicyKey, RawValue> values) {
        if (value.kind == YamlNode.Kind.MAPPING) {
            readMapping(value, name + ".", values);
        } else if (!value.isNull) {  // a section with every key commented out is fine
            throw error(value.line, name, "expected keys under it ("
                    + PolicyKey.join(PolicyKey.inFile(name + "."), k -> k.dotted) + "), got "
                    + describe(value));
        }
    }

    private Text text(PolicyKey key, YamlNode value) {
        if (value.kind != YamlNode.Kind.SCALAR) {
            throw error(value.line, key.dotted, "expected a single value, got " + describe(value));
        }
        return scalar(key, value);
    }

    private Items items(PolicyKey key, YamlNode value) {
        if (key == PolicyKey.JDBC_TABLES && value.kind == YamlNode.Kind.SCALAR && JdbcPolicy.AUTO.equals(value.text)) {
            return new Items(key, List.of(scalar(key, value)), Origin.inFile(file, value.line));
        }
        if (value.kind != YamlNode.Kind.SEQUENCE) {
            throw error(value.line, key.dotted, "expected a list of strings, got " + describe(value));
        }
        List<Text> items = new ArrayList<>();
        for (YamlNode item : value.children) {
            if (key == PolicyKey.TENANT_FROM && item.kind == YamlNode.Kind.MAPPING) {
                items.add(sourceWithArgument(key, item));
                continue;
            }
            if (item.kind != YamlNode.Kind.SCALAR) {
                throw error(item.line, key.dotted, "expected a list of strings, but an item is " + describe(item));
            }
            items.add(scalar(key, item));
        }
        return new Items(key, items, Origin.inFile(file, value.line));
    }

    /**
     * A {@code tenant.from} item with its argument, {@code {path: "/t/{tenant}/**"}}: read as the
     * text {@code path=/t/{tenant}/**}, the way an override writes it.
     */
    private Text sourceWithArgument(PolicyKey key, YamlNode item) {
        if (item.entries() != 1 || item.key(0).kind != YamlNode.Kind.SCALAR || item.value(0).kind != YamlNode.Kind.SCALAR) {
            throw error(item.line, key.dotted, "expected a source such as header, or one with its argument such as"
                    + " {path: \"/t/{tenant}/**\"}, but an item is a mapping of " + item.entries() + " keys"
                    + " or a nested value");
        }
        YamlNode name = item.key(0);
        YamlNode argument = item.value(0);
        return new Text(key, name.text + (argument.isNull ? "" : "=" + argument.text), Origin.inFile(file, item.line));
    }

    private Text scalar(PolicyKey key, YamlNode node) {
        return new Text(key, node.isNull ? null : node.text, Origin.inFile(file, node.line));
    }

    private static String unknownKey(String name, String prefix) {
        String problem = "unknown key '" + name + "' (known keys: "
                + PolicyKey.join(PolicyKey.inFile(prefix), k -> k.dotted) + ")";
        Optional<PolicyKey> key = PolicyKey.named(name);
        if (key.isPresent() && key.get().overrideOnly) {
            return problem + "; '" + name + "' is an agent option, system property or "
                    + "environment variable, not a key of the file";
        }
        if (key.isPresent()) {  // e.g. "files.rules:" at the top level
            int dot = name.lastIndexOf('.');
            return problem + "; write it nested: '" + name.substring(0, dot) + ":' then '"
                    + name.substring(dot + 1) + ":' indented under it";
        }
        return problem;
    }

    private PolicyException error(int line, String key, String problem) {
        return Origin.inFile(file, line).error(key, problem);
    }

    private static String describe(YamlNode node) {
        if (node.kind == YamlNode.Kind.MAPPING) {
            return "a mapping";
        }
        if (node.kind == YamlNode.Kind.SEQUENCE) {
            return "a list";
        }
        return node.isNull ? "nothing" : "'" + node.text + "'";
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
