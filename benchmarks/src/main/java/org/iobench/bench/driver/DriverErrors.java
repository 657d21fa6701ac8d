package org.iobench.bench.driver;

/** Errors by kind. Each failed connection counts once, with the first thing that went wrong. */
final class DriverErrors {
    enum Kind { MISMATCH, RESET, EOF, TIMEOUT }

    private final long[] counts = new long[Kind.values().length];
    private long total;

    void count(Kind kind) {
        counts[kind.ordinal()]++;
        total++;
    }

    long total() {
        return total;
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        for (Kind kind : Kind.values()) {
            if (!text.isEmpty()) text.append(' ');
            text.append(kind.name().toLowerCase()).append('=').append(counts[kind.ordinal()]);
        }
        return text.toString();
    }
}
