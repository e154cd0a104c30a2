package dev.tenantguard.agent.jdbc;

import dev.tenantguard.agent.jdbc.sql.SqlAnalysis;
import dev.tenantguard.internal.GuardedStatement;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.UUID;

/**
 * What was bound to the tenant parameters of a prepared statement, kept in the statement's own
 * fields ({@link GuardedStatement}) from {@code setXxx} to {@code execute}.
 *
 * <p>One tenant parameter (the common case): {@code tenantGuard$binds} is the value itself, or
 * {@link #NUMBER} when a primitive was bound (the number is in {@code tenantGuard$number}: no boxing),
 * or a {@link NotCaptured}, or {@code null} when nothing was bound since the statement was prepared,
 * its parameters cleared or its last row added to a batch. Several: a {@link Slots} per statement,
 * allocated at its first tenant bind and cleared in place.
 *
 * <p>A tenant compares equal however it was bound: a string by equality; an integral number
 * ({@code int}, {@code long}, {@code Integer}, {@code BigInteger}, an integral {@code BigDecimal} …)
 * when the tenant id is its canonical decimal ({@code 2}, never {@code 02}); a {@code UUID} when the
 * tenant id is its 36-character form (hex digits in either case). Anything else is not captured.
 */
final class BoundTenants {
    /** The bound value is the number in {@code tenantGuard$number}. */
    static final Object NUMBER = new Object();
    /** SQL NULL was bound. */
    static final Object NULL = new Object();

    /** A parameter set by a setter whose value the agent does not read (a stream, bytes, a LOB, a name). */
    record NotCaptured(String how) {
    }

    /** Several tenant parameters: one slot per JDBC index. */
    static final class Slots {
        final Object[] values;
        final long[] numbers;

        Slots(int maxIndex) {
            values = new Object[maxIndex + 1];
            numbers = new long[maxIndex + 1];
        }
    }

    private BoundTenants() {
    }

    static void bound(GuardedStatement statement, SqlAnalysis analysis, int index, Object value) {
        Object stored = value == null ? NULL : value;
        if (analysis.hasSingleTenantBound()) {
            statement.tenantGuard$binds(stored); // no array: the allow path allocates nothing
            return;
        }
        slots(statement, analysis).values[index] = stored;
    }

    static void boundNumber(GuardedStatement statement, SqlAnalysis analysis, int index, long value) {
        if (analysis.hasSingleTenantBound()) {
            statement.tenantGuard$number(value);
            statement.tenantGuard$binds(NUMBER);
            return;
        }
        Slots slots = slots(statement, analysis);
        slots.numbers[index] = value;
        slots.values[index] = NUMBER;
    }

    /** Every tenant parameter unknown: {@code how} null forgets them (nothing bound), else marks them not captured. */
    static void forgetAll(GuardedStatement statement, String how) {
        Object binds = statement.tenantGuard$binds();
        if (binds instanceof Slots slots) {
            Arrays.fill(slots.values, how == null ? null : new NotCaptured(how));
        } else {
            statement.tenantGuard$binds(how == null ? null : new NotCaptured(how));
        }
    }

    private static Slots slots(GuardedStatement statement, SqlAnalysis analysis) {
        Object binds = statement.tenantGuard$binds();
        if (binds instanceof Slots slots) {
            return slots;
        }
        // a first bind, or a failed capture (an error in binds) that the new slots forget with the rest
        Slots slots = new Slots(analysis.maxTenantBoundIndex());
        statement.tenantGuard$binds(slots);
        return slots;
    }

    /** The value bound to {@code index} as stored ({@code null}: nothing bound), see {@link #NUMBER}. */
    static Object value(SqlAnalysis analysis, Object binds, int index) {
        if (binds instanceof Slots slots) {
            return index < slots.values.length ? slots.values[index] : null;
        }
        return analysis.hasSingleTenantBound() ? binds : null;
    }

    static long number(GuardedStatement statement, Object binds, int index) {
        return binds instanceof Slots slots ? slots.numbers[index] : statement.tenantGuard$number();
    }

    /**
     * Why the stored value cannot be compared with a tenant, or {@code null} when it can be: the
     * sentence ends "the value bound to … ".
     */
    static String unknown(Object value) {
        if (value == null) {
            return "was not captured (no setter the agent reads was called since the statement was prepared,"
                    + " its parameters cleared or its last batch row added)";
        }
        if (value instanceof NotCaptured not) {
            return "was not captured: it was set by " + not.how() + ", whose value the agent does not read";
        }
        if (value instanceof Throwable error) {
            return "was not captured: the agent failed to read it (" + error + ")";
        }
        if (value == NUMBER || value == NULL || value instanceof String || value instanceof UUID || integral(value)) {
            return null;
        }
        return "was not captured: a " + value.getClass().getName() + " is not compared with a tenant id";
    }

    /** Whether a stored value of which {@link #unknown} is null is the tenant {@code tenant}. */
    static boolean matches(Object value, long number, String tenant) {
        if (tenant == null || value == NULL) {
            return false;
        }
        if (value == NUMBER) {
            return isDecimal(number, tenant);
        }
        if (value instanceof String string) {
            return string.equals(tenant);
        }
        if (value instanceof UUID uuid) {
            return isUuid(uuid, tenant);
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 && isDecimal(big.longValue(), tenant);
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return isDecimal(decimal.longValueExact(), tenant);
            } catch (ArithmeticException notIntegral) {
                return false;
            }
        }
        return value instanceof Number integral && isDecimal(integral.longValue(), tenant);
    }

    /** The bound value as the report shows it (violation path: may allocate). */
    static String text(Object value, long number) {
        if (value == NUMBER) {
            return Long.toString(number);
        }
        return value == NULL ? "NULL" : String.valueOf(value);
    }

    private static boolean integral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal;
    }

    /** Whether {@code tenant} is the canonical decimal form of {@code v}, compared digit by digit without allocating. */
    static boolean isDecimal(long v, String tenant) {
        int n = tenant.length();
        boolean negative = n > 0 && tenant.charAt(0) == '-';
        int first = negative ? 1 : 0;
        if (n == first || n > 20 || negative != (v < 0) || (tenant.charAt(first) == '0' && n > first + 1)) {
            return false;
        }
        long rest = v;
        for (int i = n - 1; i >= first; i--) {
            char c = tenant.charAt(i);
            if (c < '0' || c > '9' || c - '0' != Math.abs(rest % 10)) {
                return false;
            }
            rest /= 10;
        }
        return rest == 0;
    }

    /** Whether {@code tenant} is {@code uuid} in its 8-4-4-4-12 form, hex digits in either case; allocation-free. */
    static boolean isUuid(UUID uuid, String tenant) {
        if (tenant.length() != 36) {
            return false;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = tenant.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                return false;
            }
            if (digits < 16) {
                high = (high << 4) | d;
            } else {
                low = (low << 4) | d;
            }
            digits++;
        }
        return high == uuid.getMostSignificantBits() && low == uuid.getLeastSignificantBits();
    }
}
