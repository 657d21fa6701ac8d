package org.iobench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void compactKeepsThreeSignificantDigits() {
        assertEquals("123k", Numbers.compact(123_456));
        assertEquals("0.0123", Numbers.compact(0.0123));
        assertEquals("n/a", Numbers.compact(Double.NaN));
    }

    @Test
    void memoryPerConnectionWhoseIntervalIncludesZeroHasNoSign() {
        // netty42-io-uring at 1 connection, results/2026-11-28-vm-5: the server's RSS moved by megabytes
        assertEquals("≈0 (±14.9k)", Numbers.perConnection(new Measure(-2850, 8900, -2908, 14_912, "KiB/conn")));
        assertEquals("≈0 (±169)", Numbers.perConnection(new Measure(-169, 100, -169, 20, "KiB/conn")));
        // an interval clear of 0 keeps its figure, and an exact 0 (a native server) stays 0
        assertEquals("56.7", Numbers.perConnection(new Measure(56.7, 1, 55.7, 57.7, "KiB/conn")));
        assertEquals("0", Numbers.perConnection(new Measure(0, 0, 0, 0, "KiB/conn")));
        // no interval known: the figure as measured
        assertEquals("-3.00", Numbers.perConnection(new Measure(-3, Double.NaN, Double.NaN, Double.NaN, "KiB/conn")));
    }
}
