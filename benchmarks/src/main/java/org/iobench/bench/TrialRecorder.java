package org.iobench.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's console output, plus a record of each trial as it ends. JMH writes its result file only
 * when a whole invocation is over; an interrupt would lose every trial the invocation had
 * finished. So each finished trial is written to the invocation's part file at once (JMH's own
 * JSON writer, all forks of a trial as one), and JMH's complete file replaces it at the end. Each
 * trial's start and end also go to the {@link RunCheck}, and so does why a trial failed: the
 * first line of the exception JMH prints after {@code <failure>} (the forked JVM's output reaches
 * the host through these methods), or the forked JVM's exit status. Once the run is stopping, no
 * new trial starts.
 */
final class TrialRecorder implements OutputFormat {
    private final OutputFormat console;
    private final BenchPlan.Invocation invocation;
    private final int round;
    private final RunCheck check;
    private final Path partFile;
    private final BooleanSupplier stopping;
    private final Runnable trialWritten;
    private final List<RunResult> finished = new ArrayList<>();
    /** Share of the last finished trial's measured iterations the interference probe flagged (NaN: none finished). */
    private volatile double disturbedShare = Double.NaN;
    /** Of the last finished trial: the median of its iterations' cpu.distance.ns (NaN: not measured). */
    private volatile double cpuDistanceNanos = Double.NaN;
    /** JMH printed its failure marker; the next non-blank line is the exception. */
    private volatile boolean afterFailureMarker;

    /**
     * @param round        the round the invocation belongs to (0: no rounds)
     * @param stopping     true once the run is being stopped: no further trial may start
     * @param trialWritten called after a finished trial was written to the part file
     */
    TrialRecorder(OutputFormat console, BenchPlan.Invocation invocation, int round, RunCheck check, Path partFile,
                  BooleanSupplier stopping, Runnable trialWritten) {
        this.console = console;
        this.invocation = invocation;
        this.round = round;
        this.check = check;
        this.partFile = partFile;
        this.stopping = stopping;
        this.trialWritten = trialWritten;
    }

    /** Thrown into JMH to keep it from starting another trial after an interrupt. */
    static final class Stopping extends RuntimeException {
        Stopping() {
            super("the run is stopping", null, false, false);
        }
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        if (stopping.getAsBoolean()) throw new Stopping();
        check.started(RunCheck.withRound(RunCheck.key(invocation, params), round));
        console.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        console.endBenchmark(result);
        if (result == null) return; // JMH ends a trial without a result this way too
        check.ended(RunCheck.withRound(RunCheck.key(invocation, result.getParams()), round), result);
        disturbedShare = disturbedShare(result);
        cpuDistanceNanos = medianCpuDistance(result);
        finished.add(new RunResult(result.getParams(), List.of(result)));
        ResultFormatFactory.getInstance(ResultFormatType.JSON, partFile.toString()).writeOut(finished);
        trialWritten.run();
    }

    /** Of the last trial that finished: the share of its measured iterations flagged as disturbed; NaN if none finished. */
    double disturbedShare() {
        return disturbedShare;
    }

    /** Of the last trial that finished: how far apart the driver's and server's CPUs were (median ns; NaN: unknown). */
    double cpuDistanceNanos() {
        return cpuDistanceNanos;
    }

    static double medianCpuDistance(BenchmarkResult result) {
        double[] values = result.getIterationResults().stream()
                .map(iteration -> iteration.getSecondaryResults().get("cpu.distance.ns"))
                .filter(java.util.Objects::nonNull).mapToDouble(Result::getScore).sorted().toArray();
        if (values.length == 0) return Double.NaN;
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static double disturbedShare(BenchmarkResult result) {
        int flagged = 0;
        int iterations = 0;
        for (IterationResult iteration : result.getIterationResults()) {
            Result disturbed = iteration.getSecondaryResults().get("disturbed");
            if (disturbed == null) continue;
            iterations++;
            if (disturbed.getScore() > 0) flagged++;
        }
        return iterations == 0 ? 0 : flagged / (double) iterations;
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        console.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        console.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        console.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        console.endRun(result);
    }

    @Override
    public void print(String s) {
        console.print(s);
    }

    @Override
    public void println(String s) {
        console.println(s);
        if (s == null) return;
        if (s.equals("<failure>")) {
            afterFailureMarker = true;
        } else if (afterFailureMarker && !s.isBlank()) {
            afterFailureMarker = false;
            check.failedBecause(s.strip().lines().findFirst().orElse(s));
        } else if (s.startsWith("<forked VM failed with exit code ")) {
            check.failedBecause("the forked benchmark JVM exited with status " + s.replaceAll("\\D+", ""));
        }
    }

    @Override
    public void flush() {
        console.flush();
    }

    @Override
    public void close() {
        console.close();
    }

    @Override
    public void verbosePrintln(String s) {
        console.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        console.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        console.write(b);
    }
}
