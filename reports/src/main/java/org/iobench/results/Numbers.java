package org.iobench.results;

import java.util.Locale;

/** Number formatting for people (tables, titles): a few significant digits, k/M for big counts. */
public final class Numbers {

    private Numbers() {
    }

    /** 3 significant digits, with k or M above ten thousand: 123456 -> "123k", 0.0123 -> "0.0123". */
    public static String compact(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 10_000_000) {
            return significant(value / 1_000_000) + "M";
        }
        if (magnitude >= 10_000) {
            return significant(value / 1_000) + "k";
        }
        return significant(value);
    }

    /**
     * A per-connection memory figure, or "≈0 (±X)" when its interval includes 0. With few connections
     * the figure is the whole server's memory change divided by 1 or 10, and a JVM's RSS moves by
     * megabytes between samples (malloc arenas, the code cache, an allocator's chunks): divided by one
     * connection that noise can read as thousands of KiB either side of 0. An interval that includes 0
     * cannot tell the connections' cost from it, so no signed figure is printed; X is the farther bound.
     */
    public static String perConnection(Measure m) {
        if (m.includesZero()) {
            return "≈0 (±" + compact(Math.max(-m.ciLow(), m.ciHigh())) + ")";
        }
        return compact(m.score());
    }

    private static String significant(double value) {
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return "0";
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Axis tick label: like {@link #compact} but "80", not "80.0". */
    public static String tick(double value) {
        String text = compact(value);
        return text.matches("-?\\d+\\.0+[kM]?") ? text.replaceAll("\\.0+", "") : text;
    }

    /** "+12.3%" / "-4.0%". */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%+.1f%%", fraction * 100) : "n/a";
    }

    /** Plain machine-readable number for CSV/JSON: empty when not a number. */
    public static String plain(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }
}
