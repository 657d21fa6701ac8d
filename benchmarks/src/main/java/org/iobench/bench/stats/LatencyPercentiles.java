package org.iobench.bench.stats;

import org.HdrHistogram.Histogram;

/**
 * The latency percentiles iobench reports, read from one histogram (in its units: iobench records
 * nanoseconds). Always computed from a histogram of every measured message, never by averaging the
 * percentiles of parts: the mean of per-iteration p99s is not the p99 of the whole.
 */
public record LatencyPercentiles(long count, long p50, long p90, long p99, long p999, long p9999, long max) {

    public static LatencyPercentiles of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) throw new IllegalArgumentException("empty histogram: no latencies recorded");
        return new LatencyPercentiles(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50.0), histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(99.0), histogram.getValueAtPercentile(99.9),
                histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }
}
