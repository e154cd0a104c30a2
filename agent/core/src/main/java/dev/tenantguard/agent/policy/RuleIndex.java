package dev.tenantguard.agent.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules by the segment text that follows their common prefix: with many rules (a directory per
 * service, per region …) a path is compared with the few whose next segment it shares instead of
 * all of them. The path's key is hashed and compared in place, so a lookup allocates nothing.
 * Rules whose literal prefix ends at the common prefix can match any path and are in every list.
 */
final class RuleIndex {
    static final int[] NONE = new int[0];

    private final int offset;
    /** The candidates of a path whose key is in no bucket: the rules without a key. */
    private final int[] keyless;
    private final String[] keys;
    private final int[] hashes;
    private final int[][] lists;
    private final int mask;

    /** @param offset where every key starts: the length of the prefixes' common prefix */
    RuleIndex(String[] prefixes, int offset) {
        this.offset = offset;
        List<Integer> withoutKey = new ArrayList<>();
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < prefixes.length; i++) {
            int slash = prefixes[i].indexOf('/', offset);
            if (slash < 0 || prefixes[i].length() == offset) {
                withoutKey.add(i);
            } else {
                String key = prefixes[i].substring(offset, slash);
                List<Integer> rules = byKey.get(key);
                if (rules == null) {
                    rules = new ArrayList<>();
                    byKey.put(key, rules);
                }
                rules.add(i);
            }
        }
        this.keyless = toArray(withoutKey);
        int size = Integer.highestOneBit(Math.max(1, byKey.size() * 2) * 2 - 1);
        this.keys = new String[size];
        this.hashes = new int[size];
        this.lists = new int[size][];
        this.mask = size - 1;
        for (Map.Entry<String, List<Integer>> bucket : byKey.entrySet()) {
            List<Integer> merged = new ArrayList<>(bucket.getValue());
            merged.addAll(withoutKey);
            merged.sort(null); // policy order: the first rule that matches decides
            String key = bucket.getKey();
            int hash = hash(key, 0, key.length());
            int slot = hash & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            hashes[slot] = hash;
            lists[slot] = toArray(merged);
        }
    }

    /** {@code path} starts with the common prefix. */
    int[] candidates(String path) {
        int slash = path.indexOf('/', offset);
        int end = slash < 0 ? path.length() : slash;
        int hash = hash(path, offset, end);
        int length = end - offset;
        for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && keys[slot].length() == length && path.regionMatches(offset, keys[slot], 0, length)) {
                return lists[slot];
            }
        }
        return keyless;
    }

    private static int hash(String text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }

    private static int[] toArray(List<Integer> values) {
        int[] array = new int[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
