package org.iobench.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.iobench.bench.stats.FigureInterval;
import org.iobench.bench.stats.HistogramLogs;
import org.iobench.bench.stats.IntervalEstimate;
import org.iobench.bench.stats.LatencyPercentiles;
import org.iobench.bench.stats.RoundSamples;

/**
 * The figure and 95% interval each merged metric of jmh.json carries (docs/statistics.md):
 * <ul>
 *   <li>most figures: the median of the round medians, its interval by {@link FigureInterval}
 *       (rounds are the independent unit; iterations of one fork are not);
 *   <li>latency percentiles: the percentile of the merged histogram of every measured iteration of
 *       every round (the .hlog files, never an average of percentiles), with the interval of the
 *       rounds' own percentiles; without logs, the per-iteration values as above;
 *   <li>counts and flags: {@code errors} the total; {@code disturbed} the share of measured iterations
 *       the interference probe flagged; the worst-case ones ({@code latency.max}, {@code server.threads},
 *       {@code client.bound}, {@code warmup.never.steady}) the maximum; none with an interval.
 * </ul>
 */
final class RoundSummary implements RoundMerge.Summariser {
    /** Figures whose worst round counts. */
    static final Set<String> MAXIMA = Set.of("latency.max", "server.threads", "client.bound", "warmup.never.steady");
    /** Histogram percentile of each latency metric, in the histogram's unit (nanoseconds). */
    private static final Map<String, ToLongFunction<LatencyPercentiles>> PERCENTILES = Map.of(
            "latency.p50", LatencyPercentiles::p50,
            "latency.p90", LatencyPercentiles::p90,
            "latency.p99", LatencyPercentiles::p99,
            "latency.p999", LatencyPercentiles::p999,
            "latency.p9999", LatencyPercentiles::p9999);
    private static final double NANOS_PER_MICRO = 1000.0;

    /** False while the run goes on: percentiles from the per-iteration values, without reading the logs. */
    private final boolean fromLogs;

    RoundSummary(boolean fromLogs) {
        this.fromLogs = fromLogs;
    }

    @Override
    public RoundMerge.Summary summarise(String metric, List<double[]> rounds, List<RoundMerge.Part> parts) {
        double[][] measured = rounds.stream().filter(r -> r.length > 0).toArray(double[][]::new);
        if (measured.length == 0) return new RoundMerge.Summary(Double.NaN, Double.NaN, Double.NaN);
        if (metric.equals("errors")) {
            return new RoundMerge.Summary(Arrays.stream(measured).flatMapToDouble(Arrays::stream).sum(), Double.NaN, Double.NaN);
        }
        if (metric.equals("disturbed")) {
            return new RoundMerge.Summary(Arrays.stream(measured).flatMapToDouble(Arrays::stream).average().orElse(Double.NaN),
                    Double.NaN, Double.NaN);
        }
        if (MAXIMA.contains(metric)) {
            return new RoundMerge.Summary(Arrays.stream(measured).flatMapToDouble(Arrays::stream).max().orElse(Double.NaN),
                    Double.NaN, Double.NaN);
        }
        ToLongFunction<LatencyPercentiles> percentile = PERCENTILES.get(metric);
        if (percentile != null && fromLogs && parts.stream().allMatch(p -> p.hlog() != null && Files.isRegularFile(p.hlog()))) {
            return fromHistograms(percentile, parts);
        }
        IntervalEstimate figure = FigureInterval.of(RoundSamples.of(measured));
        return new RoundMerge.Summary(figure.value(), figure.low(), figure.high());
    }

    /** The percentile of every round's histograms merged; the interval from each round's own percentile. */
    private static RoundMerge.Summary fromHistograms(ToLongFunction<LatencyPercentiles> percentile, List<RoundMerge.Part> parts) {
        double whole = percentile.applyAsLong(HistogramLogs.percentiles(parts.stream().map(RoundMerge.Part::hlog).toList()))
                / NANOS_PER_MICRO;
        List<double[]> perRound = new ArrayList<>();
        for (RoundMerge.Part part : parts) {
            LatencyPercentiles round = HistogramLogs.percentiles(List.of(part.hlog()));
            if (round.count() > 0) perRound.add(new double[] {percentile.applyAsLong(round) / NANOS_PER_MICRO});
        }
        if (perRound.size() < 2) return new RoundMerge.Summary(whole, Double.NaN, Double.NaN);
        IntervalEstimate rounds = FigureInterval.of(RoundSamples.of(perRound.toArray(double[][]::new)));
        // the merged percentile can sit just outside the rounds' interval (it weighs rounds by their counts)
        return new RoundMerge.Summary(whole, Math.min(rounds.low(), whole), Math.max(rounds.high(), whole));
    }
}
