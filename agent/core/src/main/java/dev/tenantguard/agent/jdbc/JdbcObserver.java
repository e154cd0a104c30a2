package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.PinnedColumns;
import dev.tenantguard.agent.report.Observations;
import dev.tenantguard.internal.ThreadState;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, with {@code report.observe: true}, which column of each table a statement run as a tenant
 * pins to that tenant ({@code WHERE tenant_id = ?} bound to {@code acme} while acme is in context,
 * an {@code INSERT} that writes acme into {@code tenant_id}), or that it pins none. A table whose
 * every statement pins the same column is the evidence {@code suggest} turns into
 * {@code jdbc.column} and {@code jdbc.tables}.
 *
 * <p>Observation is for staging runs: it keeps each statement's bound values (a weak map) and the
 * parse of each SQL text, which the allow path with observation off never does.
 */
final class JdbcObserver {
    private static final int PARSED_LIMIT = 10_000;

    private final Observations observations;
    private final Map<Object, String[]> binds = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, Optional<PinnedColumns>> parsed = new ConcurrentHashMap<>();

    JdbcObserver(Observations observations) {
        this.observations = observations;
    }

    /** A value bound to parameter {@code index}: kept as text when it can carry a tenant id. */
    void bound(Object statement, int index, Object value) {
        if (index < 1 || index > 1_000) {
            return;
        }
        String text = value instanceof String || value instanceof Number || value instanceof UUID
                ? String.valueOf(value) : null;
        synchronized (binds) {
            String[] values = binds.get(statement);
            if (values == null || values.length < index) {
                String[] grown = new String[Math.max(index, 8)];
                if (values != null) {
                    System.arraycopy(values, 0, grown, 0, values.length);
                }
                values = grown;
                binds.put(statement, values);
            }
            values[index - 1] = text;
        }
    }

    /** A statement about to run: each table it names, with the column it pins to the tenant in context. */
    void executed(Object statement, String sql, boolean prepared, ThreadState thread) {
        String tenant = thread.tenant();
        if (tenant == null || thread.privileged() || sql == null) {
            return;
        }
        PinnedColumns pinned = parse(sql);
        if (pinned == null) {
            return;
        }
        String[] values = prepared ? binds.get(statement) : null;
        for (String table : pinned.tables()) {
            String column = null;
            for (PinnedColumns.Pin pin : pinned.pins()) {
                if (pin.table().equals(table) && tenant.equals(valueOf(pin, values))) {
                    column = pin.column();
                    break;
                }
            }
            observations.table(table, column, tenant, pinned.operation(), sql);
        }
    }

    private static String valueOf(PinnedColumns.Pin pin, String[] values) {
        if (pin.literal() != null) {
            return pin.literal();
        }
        return values != null && pin.parameter() <= values.length ? values[pin.parameter() - 1] : null;
    }

    private PinnedColumns parse(String sql) {
        Optional<PinnedColumns> known = parsed.get(sql);
        if (known != null) {
            return known.orElse(null);
        }
        PinnedColumns pinned;
        try {
            pinned = PinnedColumns.of(sql);
        } catch (RuntimeException e) {
            pinned = null; // a statement the reader cannot tell is no evidence, never an error of the call
        }
        if (parsed.size() < PARSED_LIMIT) {
            parsed.put(sql, Optional.ofNullable(pinned));
        }
        return pinned;
    }
}
