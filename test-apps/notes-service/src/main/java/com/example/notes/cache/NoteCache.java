package com.example.notes.cache;

import java.util.List;
import java.util.Optional;
import redis.clients.jedis.JedisPooled;

/**
 * Rendered notes and lists in Redis, each for five minutes. Every key of the service starts with
 * {@code notes-<instance>:} (one service's keys never meet another's on a shared Redis); a tenant's
 * keys go on with {@code <tenant>:}.
 */
public final class NoteCache implements AutoCloseable {
    private static final long TTL_SECONDS = 300;
    private static final String RECENT_SEPARATOR = "\n";

    private final JedisPooled redis;
    private final String prefix;

    public NoteCache(String host, int port, String instance) {
        this.redis = new JedisPooled(host, port);
        this.prefix = "notes-" + instance + ":";
    }

    /** A note as the API shows it, cached by the tenant whose note it is. */
    public Optional<String> note(String tenant, long id) {
        return Optional.ofNullable(redis.get(noteKey(tenant, id)));
    }

    public void putNote(String tenant, long id, String json) {
        redis.setex(noteKey(tenant, id), TTL_SECONDS, json);
    }

    public void evictNote(String tenant, long id) {
        redis.del(noteKey(tenant, id));
    }

    /**
     * PLANTED BUG (a cache key without the tenant): the titles of the latest notes are cached by how
     * many are shown, not by whose they are — the first tenant to ask fills the entry, and every
     * other tenant is served its titles for five minutes.
     */
    public Optional<List<String>> recentTitles(int count) {
        String cached = redis.get(prefix + "recent:" + count);
        return cached == null ? Optional.empty()
                : Optional.of(cached.isEmpty() ? List.of() : List.of(cached.split(RECENT_SEPARATOR)));
    }

    /** The other half of the planted bug in {@link #recentTitles}: stored under the same key without the tenant. */
    public void putRecentTitles(int count, List<String> titles) {
        redis.setex(prefix + "recent:" + count, TTL_SECONDS, String.join(RECENT_SEPARATOR, titles));
    }

    private String noteKey(String tenant, long id) {
        return prefix + tenant + ":note:" + id;
    }

    @Override
    public void close() {
        redis.close();
    }
}
