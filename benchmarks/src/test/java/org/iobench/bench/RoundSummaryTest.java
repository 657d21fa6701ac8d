package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.iobench.bench.measure.HistogramIntervalLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures jmh.json carries: medians of rounds, merged-histogram percentiles, totals, shares and maxima. */
class RoundSummaryTest {
    @TempDir
    Path dir;

    private final RoundSummary summary = new RoundSummary(true);

    private static RoundMerge.Part part(int round, Path hlog) {
        BenchPlan.Invocation trial = new BenchPlan.Invocation(Preset.Kind.LATENCY, List.of("a"), List.of(100), List.of(64), List.of(10_000), 1);
        return new RoundMerge.Part(new TrialSchedule.Slot(round, 1, trial), Path.of("unused.json"), hlog);
    }

    /** One interval per value list, values in µs (recorded in ns, as the driver does); the first interval is warm-up. */
    private Path log(String name, boolean withWarmUp, long[]... intervals) throws IOException {
        Path file = dir.resolve(name);
        long start = 1_700_000_000_000L;
        try (HistogramIntervalLog out = HistogramIntervalLog.create(file, start, name)) {
            for (int i = 0; i < intervals.length; i++) {
                Histogram h = new Histogram(3);
                for (long micros : intervals[i]) h.recordValue(micros * 1000);
                out.append(h, start + i * 1000L, start + i * 1000L + 1000, withWarmUp && i == 0);
            }
        }
        return file;
    }

    private static long[] range(long fromMicros, long toMicros) {
        long[] values = new long[(int) (toMicros - fromMicros + 1)];
        for (int i = 0; i < values.length; i++) values[i] = fromMicros + i;
        return values;
    }

    @Test
    void aFigureIsTheMedianOfTheRoundMediansWithAnIntervalOverTheRounds() {
        List<double[]> rounds = List.of(new double[] {100, 101, 99}, new double[] {80, 81, 79}, new double[] {102, 100, 104},
                new double[] {98, 97, 99}, new double[] {103, 103, 102});
        RoundMerge.Summary s = summary.summarise("echoes.per.s", rounds, List.of());
        assertEquals(100, s.score(), 1e-9, "median of the round medians 100, 80, 102, 98, 103");
        // five rounds: the exact order-statistic interval is [min, max] of the round medians
        assertEquals(80, s.low(), 1e-9);
        assertEquals(103, s.high(), 1e-9);
    }

    @Test
    void latencyPercentilesComeFromTheMergedHistogramsNeverFromAveragedPercentiles() throws IOException {
        // round 1 measured 1..1000 µs, round 2 1001..2000 µs (each after a warm-up interval of 1 s latencies)
        Path r1 = log("r1.hlog", true, new long[] {1_000_000, 1_000_000}, range(1, 1000));
        Path r2 = log("r2.hlog", true, new long[] {1_000_000}, range(1001, 2000));
        List<double[]> perIteration = List.of(new double[] {990}, new double[] {1990});
        RoundMerge.Summary p99 = summary.summarise("latency.p99", perIteration, List.of(part(1, r1), part(2, r2)));
        // the p99 of 1..2000 is 1980; averaging the rounds' p99s (990 and 1990) would give 1490; warm-up is left out
        assertEquals(1980, p99.score(), 1980 * 0.002);
        assertTrue(p99.low() <= p99.score() && p99.score() <= p99.high(), p99.toString());
        assertEquals(990, p99.low(), 990 * 0.002, "the interval spans the rounds' own p99s");
        assertEquals(1990, p99.high(), 1990 * 0.002);
    }

    @Test
    void whileTheRunGoesOnTheLogsAreNotRead() throws IOException {
        Path r1 = log("r1.hlog", false, range(1, 1000));
        Path r2 = log("r2.hlog", false, range(1001, 2000));
        RoundMerge.Summary p99 = new RoundSummary(false).summarise("latency.p99", List.of(new double[] {990}, new double[] {1990}),
                List.of(part(1, r1), part(2, r2)));
        assertEquals(1490, p99.score(), 1e-9, "the per-iteration values until the run's end");
    }

    @Test
    void withoutLogsPercentilesFallBackToTheRounds() {
        RoundMerge.Summary p99 = summary.summarise("latency.p99", List.of(new double[] {10}, new double[] {20}),
                List.of(part(1, null), part(2, null)));
        assertEquals(15, p99.score(), 1e-9);
    }

    @Test
    void errorsAreTotalledDisturbedIsAShareAndWorstCasesTakeTheMaximum() {
        List<double[]> rounds = List.of(new double[] {0, 1, 0}, new double[] {}, new double[] {1, 1, 0});
        assertEquals(3, summary.summarise("errors", rounds, List.of()).score());
        assertEquals(0.5, summary.summarise("disturbed", rounds, List.of()).score(), 1e-9, "3 of 6 measured iterations");
        assertEquals(1, summary.summarise("client.bound", rounds, List.of()).score());
        assertEquals(17, summary.summarise("server.threads", List.of(new double[] {16, 17}, new double[] {16}), List.of()).score());
        assertTrue(Double.isNaN(summary.summarise("errors", rounds, List.of()).low()), "counts carry no interval");
        assertTrue(Double.isNaN(summary.summarise("echoes.per.s", List.of(new double[] {}), List.of()).score()), "nothing measured");
    }
}
