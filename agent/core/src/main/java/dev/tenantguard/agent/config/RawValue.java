package dev.tenantguard.agent.config;

import java.util.List;

/**
 * A key's value as written, before it is checked, with where it was written so that a check
 * that fails can say so. Its shape (one text or a list) already matches the key.
 */
sealed interface RawValue {

    PolicyKey key();

    Origin origin();

    default PolicyException fail(String problem) {
        return origin().error(key().dotted, problem);
    }

    /** A single value; {@code text} is {@code null} for a YAML null ({@code ~} or nothing). */
    record Text(PolicyKey key, String text, Origin origin) implements RawValue {}

    /** A list value; each item has its own origin (its own line in the file). */
    record Items(PolicyKey key, List<Text> items, Origin origin) implements RawValue {
        public Items {
            items = List.copyOf(items);
        }
    }

    /**
     * Where a value was written: a line of the policy file, or an override.
     *
     * @param file  absolute path of the policy file, or {@code null} for an override
     * @param line  1-based line in the file, 0 when unknown
     * @param where for an override, e.g. {@code agent option 'mode'}
     */
    record Origin(String file, int line, String where) {

        static Origin inFile(String file, int line) {
            return new Origin(file, line, null);
        }

        static Origin override(String where) {
            return new Origin(null, 0, where);
        }

        PolicyException error(String key, String problem) {
            return new PolicyException(file, line, key, where, problem);
        }
    }
}
