package org.iobench.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramLogsTest {

    @TempDir
    Path dir;

    private static Histogram uniformMicros(int fromMicros, int toMicros) {
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        for (long us = fromMicros; us <= toMicros; us++) histogram.recordValue(us * 1000);
        return histogram;
    }

    private Path writeLog(String name, Histogram... intervals) throws IOException {
        Path file = dir.resolve(name);
        try (PrintStream out = new PrintStream(file.toFile())) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            long start = 1_000;
            for (Histogram interval : intervals) {
                interval.setStartTimeStamp(start);
                interval.setEndTimeStamp(start + 1_000);
                writer.outputIntervalHistogram(interval);
                start += 1_000;
            }
        }
        return file;
    }

    @Test
    void mergingTwoKnownHistogramsGivesTheKnownPercentiles() throws IOException {
        // 1..1000 µs and 1001..2000 µs: the whole is 1..2000 µs, whose p50 is 1000 µs and p99 1980 µs.
        // Averaging the parts' percentiles would give a p99 of (990 + 1990) / 2 = 1490 µs.
        Path one = writeLog("one.hlog", uniformMicros(1, 1000));
        Path two = writeLog("two.hlog", uniformMicros(1001, 2000));
        LatencyPercentiles merged = HistogramLogs.percentiles(List.of(one, two));
        assertEquals(2000, merged.count());
        assertEquals(1_000_000, merged.p50(), 1_000_000 * 0.001);
        assertEquals(1_980_000, merged.p99(), 1_980_000 * 0.001);
        assertEquals(2_000_000, merged.max(), 2_000_000 * 0.001);
    }

    @Test
    void percentilesFromTheLogsAgreeWithTheMergedInMemoryHistogram() throws IOException {
        Histogram a = uniformMicros(10, 500);
        Histogram b = uniformMicros(200, 90_000);
        Histogram c = uniformMicros(50, 60);
        Histogram inMemory = new Histogram(3_600_000_000_000L, 3);
        inMemory.add(a);
        inMemory.add(b);
        inMemory.add(c);
        Path log = writeLog("run.hlog", a, b, c);
        assertEquals(LatencyPercentiles.of(inMemory), HistogramLogs.percentiles(List.of(log)));
    }

    @Test
    void warmUpIntervalsAreLeftOut() throws IOException {
        Histogram warmup = uniformMicros(5_000, 6_000);
        warmup.setTag(HistogramLogs.WARMUP_TAG);
        Path log = writeLog("tagged.hlog", warmup, uniformMicros(1, 100));
        LatencyPercentiles measured = HistogramLogs.percentiles(List.of(log));
        assertEquals(100, measured.count());
        assertTrue(measured.max() < 200_000, "max " + measured.max());
    }

    @Test
    void aMissingLogIsAClearError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> HistogramLogs.percentiles(List.of(dir.resolve("absent.hlog"))));
        assertTrue(e.getMessage().contains("absent.hlog"), e.getMessage());
    }

    @Test
    void noMeasuredLatencyIsAClearError() throws IOException {
        Path log = writeLog("empty.hlog");
        assertThrows(IllegalArgumentException.class, () -> HistogramLogs.percentiles(List.of(log)));
    }
}
