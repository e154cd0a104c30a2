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

    static String ratio(RunData.Ratio ratio) {
        return "×" + plain(ratio.value(), 3) + (Double.isNaN(ratio.error()) ? "" : " ± " + plain(ratio.error(), 3));
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
