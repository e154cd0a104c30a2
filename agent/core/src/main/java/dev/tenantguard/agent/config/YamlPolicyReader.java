package dev.tenantguard.agent.config;

import dev.tenantguard.agent.config.RawValue.Items;
import dev.tenantguard.agent.config.RawValue.Origin;
import dev.tenantguard.agent.config.RawValue.Text;
import java.io.IOException;
import java.io.StringReader;
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
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

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
        Optional<Node> root;
        try {
            // The core schema, not the default JSON one, so that "~" and "Null" are null as YAML
            // users expect; booleans and numbers are read from the text here anyway.
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(file).setSchema(new CoreSchema()).build();
            root = new Compose(settings).composeReader(new StringReader(text));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 1).orElse(0);
            throw error(line, null, "YAML syntax error: " + describe(e) + quotingHint(text, line));
        } catch (YamlEngineException e) {
            throw error(0, null, "YAML error: " + e.getMessage());
        }
        Map<PolicyKey, RawValue> values = new EnumMap<>(PolicyKey.class);
        if (root.isEmpty() || isNull(root.get())) {
            return values;  // an empty file (or only comments): all defaults
        }
        if (!(root.get() instanceof MappingNode)) {
            throw error(line(root.get()), null, "expected keys such as 'mode:' at the top level, got "
                    + describe(root.get()));
        }
        readMapping((MappingNode) root.get(), "", values);
        return values;
    }

    private void readMapping(MappingNode mapping, String prefix, Map<PolicyKey, RawValue> values) {
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                throw error(line(keyNode), null, "expected a key name, got " + describe(keyNode));
            }
            String given = ((ScalarNode) keyNode).getValue();
            String name = prefix + given;
            Integer first = seen.putIfAbsent(name, line(keyNode));
            if (first != null) {
                throw error(line(keyNode), name, "given twice (first on line " + first + ")");
            }
            Node value = tuple.getValueNode();
            // Strictly nested: "files.rules:" written flat is not the key files.rules, so a
            // policy has one spelling and a reader need not look for two.
            boolean plain = !given.contains(".");
            Optional<PolicyKey> key = PolicyKey.named(name);
            if (key.isPresent() && plain && !key.get().overrideOnly) {
                values.put(key.get(), key.get().list ? items(key.get(), value) : text(key.get(), value));
            } else if (plain && PolicyKey.isSection(name)) {
                readSection(name, value, values);
            } else {
                throw error(line(keyNode), name, unknownKey(name, prefix));
            }
        }
    }

    private void readSection(String name, Node value, Map<PolicyKey, RawValue> values) {
        if (value instanceof MappingNode) {
            readMapping((MappingNode) value, name + ".", values);
        } else if (!isNull(value)) {  // a section with every key commented out is fine
            throw error(line(value), name, "expected keys under it ("
                    + PolicyKey.join(PolicyKey.inFile(name + "."), k -> k.dotted) + "), got "
                    + describe(value));
        }
    }

    private Text text(PolicyKey key, Node value) {
        if (!(value instanceof ScalarNode)) {
            throw error(line(value), key.dotted, "expected a single value, got " + describe(value));
        }
        return scalar(key, (ScalarNode) value);
    }

    private Items items(PolicyKey key, Node value) {
        if (key == PolicyKey.JDBC_TABLES && value instanceof ScalarNode
                && JdbcPolicy.AUTO.equals(((ScalarNode) value).getValue())) {
            return new Items(key, List.of(scalar(key, (ScalarNode) value)), Origin.inFile(file, line(value)));
        }
        if (!(value instanceof SequenceNode)) {
            throw error(line(value), key.dotted, "expected a list of strings, got " + describe(value));
        }
        List<Text> items = new ArrayList<>();
        for (Node item : ((SequenceNode) value).getValue()) {
            if (key == PolicyKey.TENANT_FROM && item instanceof MappingNode) {
                items.add(sourceWithArgument(key, (MappingNode) item));
                continue;
            }
            if (!(item instanceof ScalarNode)) {
                throw error(line(item), key.dotted, "expected a list of strings, but an item is "
                        + describe(item));
            }
            items.add(scalar(key, (ScalarNode) item));
        }
        return new Items(key, items, Origin.inFile(file, line(value)));
    }

    /**
     * A {@code tenant.from} item with its argument, {@code {path: "/t/{tenant}/**"}}: read as the
     * text {@code path=/t/{tenant}/**}, the way an override writes it.
     */
    private Text sourceWithArgument(PolicyKey key, MappingNode item) {
        if (item.getValue().size() != 1 || !(item.getValue().get(0).getKeyNode() instanceof ScalarNode)
                || !(item.getValue().get(0).getValueNode() instanceof ScalarNode)) {
            throw error(line(item), key.dotted, "expected a source such as header, or one with its argument such as"
                    + " {path: \"/t/{tenant}/**\"}, but an item is a mapping of " + item.getValue().size() + " keys"
                    + " or a nested value");
        }
        ScalarNode name = (ScalarNode) item.getValue().get(0).getKeyNode();
        ScalarNode argument = (ScalarNode) item.getValue().get(0).getValueNode();
        return new Text(key, name.getValue() + (isNull(argument) ? "" : "=" + argument.getValue()),
                Origin.inFile(file, line(item)));
    }

    private Text scalar(PolicyKey key, ScalarNode node) {
        return new Text(key, isNull(node) ? null : node.getValue(), Origin.inFile(file, line(node)));
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

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static int line(Node node) {
        Optional<Mark> mark = node.getStartMark();
        return mark.isPresent() ? mark.get().getLine() + 1 : 0;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    /**
     * In YAML a plain value cannot start with '{', nor hold one inside [...]: an unquoted
     * {tenant} is the likeliest cause of a syntax error on a line that has one.
     */
    private static String quotingHint(String text, int line) {
        boolean hasTenant = line > 0 && text.lines().skip(line - 1).findFirst()
                .filter(l -> l.contains("{tenant}")).isPresent();
        return hasTenant ? " (put values with {tenant} in quotes)" : "";
    }

    private static String describe(MarkedYamlEngineException e) {
        String context = e.getContext();
        return context == null || context.isBlank() ? e.getProblem() : context + ", " + e.getProblem();
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
