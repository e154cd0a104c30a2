package dev.tenantguard.agent.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
 * A policy file read with SnakeYAML, for what {@link SimpleYamlReader} does not read itself: any
 * YAML, and the syntax error of a file that is not YAML. Kept apart so that a JVM whose policy the
 * simple reader reads never loads SnakeYAML's classes.
 */
final class SnakeYamlTree {
    static final int MAX_DEPTH = 64;

    private SnakeYamlTree() {
    }

    /** The document's root, or {@code null} for an empty document (nothing, or only comments). */
    static YamlNode read(String text, String file) {
        Optional<Node> root;
        try {
            // The core schema, not the default JSON one, so that "~" and "Null" are null as YAML
            // users expect; booleans and numbers are read from the text by the policy reader.
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(file).setSchema(new CoreSchema()).build();
            root = new Compose(settings).composeReader(new StringReader(text));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 1).orElse(0);
            throw RawValue.Origin.inFile(file, line).error(null, "YAML syntax error: " + describe(e)
                    + quotingHint(text, line));
        } catch (YamlEngineException e) {
            throw RawValue.Origin.inFile(file, 0).error(null, "YAML error: " + e.getMessage());
        }
        return root.isEmpty() ? null : tree(root.get(), file, 0);
    }

    /** A policy nests a few levels; an alias that contains itself would nest for ever. */
    private static YamlNode tree(Node node, String file, int depth) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        if (depth > MAX_DEPTH) {
            throw RawValue.Origin.inFile(file, line).error(null, "YAML nested more than " + MAX_DEPTH
                    + " levels deep (an alias that contains itself?)");
        }
        if (node instanceof MappingNode) {
            List<YamlNode> keysAndValues = new ArrayList<>();
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                keysAndValues.add(tree(tuple.getKeyNode(), file, depth + 1));
                keysAndValues.add(tree(tuple.getValueNode(), file, depth + 1));
            }
            return YamlNode.mapping(keysAndValues, line);
        }
        if (node instanceof SequenceNode) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) {
                items.add(tree(item, file, depth + 1));
            }
            return YamlNode.sequence(items, line);
        }
        ScalarNode scalar = (ScalarNode) node;
        return YamlNode.scalar(scalar.getValue(), Tag.NULL.equals(scalar.getTag()), line);
    }

    private static String describe(MarkedYamlEngineException e) {
        String context = e.getContext();
        return context == null || context.isBlank() ? e.getProblem() : context + ", " + e.getProblem();
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
}
