package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramIntervalLogTest {

    @TempDir
    Path dir;

    private static Histogram iteration(SplittableRandom random, double medianMicros) {
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < 20_000; i++) {
            histogram.recordValue((long) (medianMicros * 1000 * Math.exp(0.8 * random.nextGaussian())));
        }
        return histogram;
    }

    private static List<EncodableHistogram> readAll(Path log) throws IOException {
        List<EncodableHistogram> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) intervals.add(interval);
        }
        return intervals;
    }

    @Test
    void percentilesRecomputedFromTheLogAgreeWithTheMergedInMemoryHistogram() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        Path log = dir.resolve("nio-selector.hlog");
        Histogram merged = new Histogram(60_000_000_000L, 3);
        long start = 1_700_000_000_000L;
        try (HistogramIntervalLog out = HistogramIntervalLog.create(log, start, "nio-selector connections=100 round 1")) {
            out.append(iteration(random, 500), start, start + 1000, true);
            for (int i = 1; i <= 3; i++) {
                Histogram measured = iteration(random, 100 * i);
                merged.add(measured);
                out.append(measured, start + 1000L * i, start + 1000L * (i + 1), false);
            }
        }
        List<EncodableHistogram> intervals = readAll(log);
        assertEquals(4, intervals.size());
        assertEquals(HistogramIntervalLog.WARMUP_TAG, intervals.get(0).getTag());
        Histogram fromLog = new Histogram(60_000_000_000L, 3);
        for (EncodableHistogram interval : intervals.subList(1, 4)) {
            assertNull(interval.getTag());
            fromLog.add((Histogram) interval);
        }
        for (double percentile : new double[] {50, 90, 99, 99.9, 99.99, 100}) {
            assertEquals(merged.getValueAtPercentile(percentile), fromLog.getValueAtPercentile(percentile), "p" + percentile);
        }
        assertEquals(merged.getTotalCount(), fromLog.getTotalCount());
        assertEquals(start + 1000, intervals.get(1).getStartTimeStamp(), "absolute start restored from the base time");
    }

    @Test
    void theCallersHistogramIsLeftAlone() throws IOException {
        Histogram histogram = iteration(new SplittableRandom(2), 100);
        try (HistogramIntervalLog out = HistogramIntervalLog.create(dir.resolve("a.hlog"), 0, "x")) {
            out.append(histogram, 5, 10, true);
        }
        assertNull(histogram.getTag());
        assertEquals(Long.MAX_VALUE, histogram.getStartTimeStamp(), "HdrHistogram's 'not set'");
    }

    @Test
    void aFolderThatCannotBeWrittenIsAClearError() {
        Path missing = dir.resolve("no-such-folder").resolve("x.hlog");
        IOException e = assertThrows(IOException.class, () -> HistogramIntervalLog.create(missing, 0, "x"));
        assertTrue(e.getMessage().contains("x.hlog"), e.getMessage());
        assertFalse(Files.exists(missing));
    }
}
