package dev.tenantguard.agent.config;

import java.util.List;

/**
 * A node of a policy file as YAML reads it — a mapping, a list or a scalar — with the line it
 * starts on, which is what the policy reader needs: keys, values and where each was written.
 * Built by {@link SimpleYamlReader} for the files it reads, else from SnakeYAML's nodes.
 */
final class YamlNode {
    enum Kind { MAPPING, SEQUENCE, SCALAR }

    final Kind kind;
    /** 1-based line the node starts on; 0 when unknown. */
    final int line;
    /** A scalar's text as YAML reads it; for a YAML null ({@link #isNull}) the text it was written as. */
    final String text;
    /** A scalar written as nothing, {@code ~} or {@code null} (unquoted). */
    final boolean isNull;
    /** A mapping's keys and values in turns ({@code key, value, key, value …}); a list's items. */
    final List<YamlNode> children;

    private YamlNode(Kind kind, int line, String text, boolean isNull, List<YamlNode> children) {
        this.kind = kind;
        this.line = line;
        this.text = text;
        this.isNull = isNull;
        this.children = children;
    }

    static YamlNode scalar(String text, boolean isNull, int line) {
        return new YamlNode(Kind.SCALAR, line, text, isNull, List.of());
    }

    /** @param keysAndValues keys and values in turns */
    static YamlNode mapping(List<YamlNode> keysAndValues, int line) {
        return new YamlNode(Kind.MAPPING, line, null, false, List.copyOf(keysAndValues));
    }

    static YamlNode sequence(List<YamlNode> items, int line) {
        return new YamlNode(Kind.SEQUENCE, line, null, false, List.copyOf(items));
    }

    /** The number of keys of a mapping. */
    int entries() {
        return children.size() / 2;
    }

    YamlNode key(int entry) {
        return children.get(2 * entry);
    }

    YamlNode value(int entry) {
        return children.get(2 * entry + 1);
    }

    /** The whole tree, lines included: what tests compare between the two readers. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        out.append(line).append(':');
        switch (kind) {
            case SCALAR -> out.append(isNull ? "null(" : "'").append(text).append(isNull ? ")" : "'");
            case SEQUENCE, MAPPING -> {
                out.append(kind == Kind.SEQUENCE ? '[' : '{');
                for (int i = 0; i < children.size(); i++) {
                    out.append(i == 0 ? "" : kind == Kind.MAPPING && i % 2 == 1 ? " = " : ", ");
                    children.get(i).append(out);
                }
                out.append(kind == Kind.SEQUENCE ? ']' : '}');
            }
        }
    }
}
