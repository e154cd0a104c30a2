package dev.tenantguard.agent.jdbc.sql;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.statement.Statement;

/**
 * Visits every JSqlParser node reachable from a root, by reflection over the nodes' fields.
 *
 * <p>Why not JSqlParser's visitor adapters: a tenant check must fail closed, so it has to reach
 * every table and sub-query wherever the grammar puts one (function arguments, {@code CASE},
 * {@code LIMIT}, {@code RETURNING}, lateral views, …). The adapters cover what their authors
 * thought of, and each release adds node types; walking the fields is complete by construction.
 * The cost is paid once per SQL text, since callers cache the analysis.
 */
final class AstWalker {

    /** Called for each node; returns whether to walk into the node's children. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(Object node, Object parent);
    }

    /** The package of the (possibly relocated) parser: only its objects are nodes. */
    private static final String NODE_PACKAGE = packageRoot(Statement.class.getPackageName());
    /** Parse-tree bookkeeping (tokens, JJTree nodes) rather than the statement's model. */
    private static final String PARSER_PACKAGE = Node.class.getPackageName();

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && isNodeClass(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()
                            && !field.getType().isPrimitive() && field.getType() != String.class) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private AstWalker() {
    }

    /** Walks the nodes under {@code root} (root included), each once, depth first in field order. */
    static void walk(Object root, Visitor visitor) {
        new Walk(visitor).node(root, null);
    }

    /**
     * Replaces, top down, every node that a field or a list element of a node under {@code root}
     * holds by {@code replacement.apply(node)} (the same node to keep it), then walks into the result.
     */
    static void rewrite(Object root, UnaryOperator<Object> replacement) {
        new Rewrite(replacement).children(root);
    }

    /** All nodes of {@code type} under {@code root}, walking into everything. */
    static <T> List<T> collect(Object root, Class<T> type) {
        List<T> found = new ArrayList<>();
        walk(root, (node, parent) -> {
            if (type.isInstance(node)) {
                found.add(type.cast(node));
            }
            return true;
        });
        return found;
    }

    private static final class Walk {
        private final Visitor visitor;
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        Walk(Visitor visitor) {
            this.visitor = visitor;
        }

        void node(Object node, Object parent) {
            if (node == null || !isNode(node) || !seen.add(node)) {
                return;
            }
            if (!visitor.visit(node, parent)) {
                return;
            }
            children(node, node);
        }

        /** The children of {@code value}: its fields, and its elements when it is itself a list. */
        private void children(Object value, Object parent) {
            if (value instanceof Iterable<?> iterable) {
                for (Object element : iterable) {
                    value(element, parent);
                }
            }
            for (Field field : FIELDS.get(value.getClass())) {
                try {
                    value(field.get(value), parent);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }

        private void value(Object value, Object parent) {
            if (value == null) {
                return;
            }
            if (isNode(value)) {
                node(value, parent);
            } else if (value instanceof Iterable<?> iterable) {
                for (Object element : iterable) {
                    value(element, parent);
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    value(entry.getKey(), parent);
                    value(entry.getValue(), parent);
                }
            } else if (value instanceof Object[] array) {
                for (Object element : array) {
                    value(element, parent);
                }
            }
        }
    }

    private static final class Rewrite {
        private final UnaryOperator<Object> replacement;
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        Rewrite(UnaryOperator<Object> replacement) {
            this.replacement = replacement;
        }

        void children(Object node) {
            if (!seen.add(node)) {
                return;
            }
            if (node instanceof List<?> list) {
                elements(list);
            }
            for (Field field : FIELDS.get(node.getClass())) {
                try {
                    Object value = field.get(node);
                    if (value != null && isNode(value)) {
                        Object replaced = replacement.apply(value);
                        if (replaced != value) {
                            field.set(node, replaced);
                        }
                        children(replaced);
                    } else if (value instanceof List<?> list) {
                        elements(list);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot rewrite " + field, e);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private void elements(List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                if (element != null && isNode(element)) {
                    Object replaced = replacement.apply(element);
                    if (replaced != element) {
                        try {
                            ((List<Object>) list).set(i, replaced);
                        } catch (UnsupportedOperationException | ClassCastException e) {
                            replaced = element; // left as parsed: InPrecedenceRepair.unrepaired reports it
                        }
                    }
                    children(replaced);
                } else if (element instanceof List<?> nested) {
                    elements(nested);
                }
            }
        }
    }

    private static boolean isNode(Object value) {
        Class<?> type = value.getClass();
        return isNodeClass(type) && !type.isEnum();
    }

    private static boolean isNodeClass(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.startsWith(NODE_PACKAGE) && !pkg.startsWith(PARSER_PACKAGE);
    }

    private static String packageRoot(String statementPackage) {
        // "<root>.statement" -> "<root>"
        return statementPackage.substring(0, statementPackage.lastIndexOf('.'));
    }
}
