package org.iobench.bench.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The figures of the current interval: a latency histogram (plain, not a Recorder: only the driver
 * thread records and snapshots, so no atomics on the hot path), send lag, and the starting points
 * of the counters the driver keeps for its whole life.
 */
final class IntervalStats {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Anything slower is clamped here (and is far beyond every stall timeout anyway). */
    static final long HIGHEST_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final long driverThreadId;
    private final int payloadBytes;
    private Histogram latencyNanos = new Histogram(HIGHEST_LATENCY_NANOS, SIGNIFICANT_DIGITS);
    private long startNanos;
    private long startCpuNanos;
    private long startEchoes;
    private long startErrors;
    private long maxSendLagNanos;

    IntervalStats(long driverThreadId, int payloadBytes, long nowNanos) {
        this.driverThreadId = driverThreadId;
        this.payloadBytes = payloadBytes;
        this.startNanos = nowNanos;
        this.startCpuNanos = cpuNanos();
    }

    void recordLatency(long nanos) {
        latencyNanos.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_LATENCY_NANOS));
    }

    void recordSendLag(long nanos) {
        if (nanos > maxSendLagNanos) maxSendLagNanos = nanos;
    }

    /** Closes the interval at the given lifetime totals and opens the next one. */
    DriverSnapshot snapshot(long totalEchoes, long totalErrors) {
        long wall = System.nanoTime();
        long cpu = cpuNanos();
        long echoes = totalEchoes - startEchoes;
        DriverSnapshot snapshot = new DriverSnapshot(wall - startNanos, echoes, echoes * payloadBytes,
                totalErrors - startErrors, cpu - startCpuNanos, maxSendLagNanos, latencyNanos);
        latencyNanos = new Histogram(HIGHEST_LATENCY_NANOS, SIGNIFICANT_DIGITS);
        startNanos = wall;
        startCpuNanos = cpu;
        startEchoes = totalEchoes;
        startErrors = totalErrors;
        maxSendLagNanos = 0;
        return snapshot;
    }

    /** The driver thread's CPU time, readable from any thread. */
    private long cpuNanos() {
        return THREADS.isThreadCpuTimeSupported() ? Math.max(0, THREADS.getThreadCpuTime(driverThreadId)) : 0;
    }
}
