package org.iobench.bench.measure;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes one result's latency histograms as an HdrHistogram interval log ({@code .hlog}): one interval per
 * iteration, readable by {@code HistogramLogProcessor} and HistogramLogAnalyzer, and merged by the
 * reports into the result's percentiles. Values stay in the histograms' unit (iobench records
 * nanoseconds; the log's max column is in milliseconds, HdrHistogram's convention).
 *
 * <p>Warm-up iterations are tagged {@value #WARMUP_TAG}: tools that are not told a tag ignore tagged
 * intervals, so by default they see the measured iterations only, as the reports do.
 */
public final class HistogramIntervalLog implements Closeable {

    public static final String WARMUP_TAG = "warmup";

    private final PrintStream out;
    private final HistogramLogWriter writer;

    private HistogramIntervalLog(PrintStream out, long startMillis, String description) {
        this.out = out;
        this.writer = new HistogramLogWriter(out);
        writer.outputComment(description.replace('\n', ' '));
        writer.outputComment("values in nanoseconds; the Interval_Max column in milliseconds");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
    }

    /**
     * Creates (or replaces) the log file.
     *
     * @param startMillis wall-clock time the result started (epoch milliseconds); intervals are written relative to it
     * @param description one line saying which result this is (implementation, parameters, round)
     */
    public static HistogramIntervalLog create(Path file, long startMillis, String description) throws IOException {
        try {
            return new HistogramIntervalLog(new PrintStream(file.toFile(), StandardCharsets.US_ASCII), startMillis, description);
        } catch (FileNotFoundException e) {
            throw new IOException("cannot write histogram log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one iteration's histogram (not changed: its timestamps and tag are set on a copy). */
    public void append(Histogram iteration, long startMillis, long endMillis, boolean warmup) throws IOException {
        if (endMillis < startMillis) throw new IllegalArgumentException("interval ends before it starts");
        Histogram interval = iteration.copy();
        interval.setStartTimeStamp(startMillis);
        interval.setEndTimeStamp(endMillis);
        interval.setTag(warmup ? WARMUP_TAG : null);
        writer.outputIntervalHistogram(interval); // relative to the base time, max column in ms (÷ 1e6)
        if (out.checkError()) throw new IOException("writing the histogram log failed");
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (out.checkError()) throw new IOException("closing the histogram log failed");
    }
}
