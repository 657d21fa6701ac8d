package org.iobench.bench;

import java.util.Collection;
import java.util.List;
import org.iobench.api.Settings;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Puts the figures JMH does not measure itself into the same result as secondary metrics: latency
 * percentiles, MB/s, server CPU per echo and utilisation, server memory per connection (RSS, and a
 * Java server's live heap after the fork's last measured iteration), server GC pause time, server
 * threads, driver CPU, errors, the client-bound flag, and for the open loop offered vs achieved
 * rate (names and units: docs/results.md). BenchMain always adds it.
 *
 * <p>JMH calls {@link #afterIteration} in the forked JVM after the iteration's worker threads have
 * run their {@code @TearDown(Level.Iteration)}, so each driver thread has already handed its
 * interval to the {@link ServerTrial}; the figures are therefore exactly one iteration's. JMH keeps
 * only the measurement iterations' results. With {@link Settings#PROFILER_DEBUG} true it prints,
 * per iteration, the driver's echo count beside JMH's own op count, which shows that alignment.
 */
public final class EchoMetricsProfiler implements InternalProfiler {
    private static final boolean DEBUG = Settings.PROFILER_DEBUG.isTrue();
    /** Measured iterations begun in this fork (one trial per fork). */
    private int measuredIterations;

    @Override
    public String getDescription() {
        return "iobench echo metrics: latency percentiles, server CPU/RSS/threads from /proc, server GC pauses and live heap"
                + " (HotSpot perf counters), driver CPU, errors";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // the interval is started by the benchmark's own @Setup(Level.Iteration), which also covers
        // the first iteration (before it, the trial's server does not exist yet); the trial only
        // learns here whether the iteration is measured (a profiled server's window) and whether its
        // live heap is to be measured at this iteration's end
        boolean measured = iterationParams.getType() == IterationType.MEASUREMENT;
        if (measured) measuredIterations++;
        ServerTrial.nextIteration(measured, measured && measuredIterations == iterationParams.getCount());
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        ServerTrial trial = ServerTrial.current();
        // a failed iteration has no primary result: report nothing and let JMH show the real failure
        if (trial == null || result.getRawPrimaryResults().isEmpty()) return List.of();
        double echoesPerSecond = result.getPrimaryResult().getScore();
        IterationMetrics.Inputs inputs = trial.takeIteration(echoesPerSecond, benchmarkParams.getThreads(),
                iterationParams.getType() == IterationType.WARMUP);
        if (inputs == null) {
            System.err.println("iobench: no driver figures for this iteration (did its @TearDown(Level.Iteration) run?)");
            return List.of();
        }
        List<ScalarResult> metrics = IterationMetrics.compute(inputs);
        if (DEBUG) {
            System.err.printf("%niobench-debug: %s iteration: driver echoes=%d over %.3f s (%.0f/s), JMH measured ops=%d"
                            + " (all ops %d), JMH score %.0f ops/s%n", iterationParams.getType(),
                    inputs.driver().echoes(), inputs.driver().wallNanos() / 1e9, inputs.driver().echoesPerSecond(),
                    result.getMetadata().getMeasuredOps(), result.getMetadata().getAllOps(), echoesPerSecond);
        }
        return metrics;
    }
}
