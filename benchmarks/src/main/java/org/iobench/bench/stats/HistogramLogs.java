package org.iobench.bench.stats;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads the HdrHistogram interval logs ({@code .hlog}) a run writes, one interval per measured
 * iteration, and merges every measured interval of a result into one histogram. Intervals tagged
 * {@value #WARMUP_TAG} are skipped: they are in the log for inspection (HistogramLogAnalyzer), not part of
 * the result. The tag is the one benchmarks' {@code HistogramIntervalLog} writes.
 */
public final class HistogramLogs {

    public static final String WARMUP_TAG = "warmup";

    private HistogramLogs() {
    }

    /** Every untagged interval of every log, added into one histogram (auto-resizing, 3 significant digits). */
    public static Histogram mergeMeasured(Collection<Path> logs) {
        Histogram merged = new Histogram(3);
        merged.setAutoResize(true);
        for (Path log : logs) addMeasured(log, merged);
        return merged;
    }

    /** The percentiles of the merged measured intervals of the given logs. */
    public static LatencyPercentiles percentiles(Collection<Path> logs) {
        return LatencyPercentiles.of(mergeMeasured(logs));
    }

    private static void addMeasured(Path log, Histogram into) {
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(log.toFile());
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(new IOException("no histogram log at " + log, e));
        }
        try (reader) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (WARMUP_TAG.equals(interval.getTag())) continue;
                if (!(interval instanceof Histogram histogram)) {
                    throw new IllegalArgumentException(log + ": expected integer histograms, found " + interval.getClass().getSimpleName());
                }
                into.add(histogram);
            }
        }
    }
}
