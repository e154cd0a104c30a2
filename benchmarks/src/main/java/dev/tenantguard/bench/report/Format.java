package dev.tenantguard.bench.report;

import java.util.Locale;

/** Number formats of the report: ns below 10 µs, µs above; ratios to three decimals. */
final class Format {
    private Format() {
    }

    static String nanos(double ns, double error) {
        if (Math.abs(ns) >= 10_000) {
            return plain(ns / 1000, 1) + (Double.isNaN(error) ? "" : " ± " + plain(error / 1000, 1)) + " µs";
        }
        int decimals = Math.abs(ns) < 100 ? 2 : 0;
        return plain(ns, decimals) + (Double.isNaN(error) ? "" : " ± " + plain(error, decimals)) + " ns";
    }

    static String signedNanos(double ns, double error) {
        return (ns >= 0 ? "+" : "−") + nanos(Math.abs(ns), error);
    }

    /** {@code ×1.105 [1.044, 1.165]} over forks; {@code ×1.105 ~[1.044, 1.165]} from JMH's iteration error. */
    static String ratio(ForkInterval.Interval ratio) {
        return "×" + plain(ratio.value(), 3) + interval(ratio, 3, "");
    }

    /** {@code +12.3 ns [8.1, 16.0]}; the interval in the unit of the value. */
    static String signedNanos(ForkInterval.Interval added) {
        return signedNanos(added.value(), Double.NaN) + nanosInterval(added);
    }

    /** {@code 117 ns [100, 134]}, {@code 11.4 µs [9.4, 13.4]}. */
    static String nanos(ForkInterval.Interval ns) {
        return nanos(ns.value(), Double.NaN) + nanosInterval(ns);
    }

    private static String nanosInterval(ForkInterval.Interval ns) {
        if (!ns.known()) {
            return "";
        }
        boolean micros = Math.abs(ns.value()) >= 10_000;
        double scale = micros ? 1000 : 1;
        int decimals = micros ? 1 : Math.abs(ns.value()) < 100 ? 2 : 0; // as nanos(value, error)
        return " " + (ns.overForks() ? "" : "~") + "[" + plain(ns.lo() / scale, decimals) + ", "
                + plain(ns.hi() / scale, decimals) + "]";
    }

    private static String interval(ForkInterval.Interval i, int decimals, String unit) {
        if (!i.known()) {
            return "";
        }
        return " " + (i.overForks() ? "" : "~") + "[" + plain(i.lo(), decimals) + ", " + plain(i.hi(), decimals) + "]" + unit;
    }

    static String bytes(double bytes) {
        return plain(bytes, Math.abs(bytes) < 10 ? 1 : 0);
    }

    static String signedBytes(double bytes) {
        return (bytes >= 0 ? "+" : "−") + bytes(Math.abs(bytes));
    }

    static String plain(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
