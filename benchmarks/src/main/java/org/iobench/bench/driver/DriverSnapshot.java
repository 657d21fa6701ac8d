package org.iobench.bench.driver;

import org.HdrHistogram.Histogram;

/**
 * What one driver did during one interval (between two {@link LoadDriver#intervalSnapshot()} calls,
 * or since {@link LoadDriver#connect}). Several drivers' snapshots combine with {@link #plus}.
 *
 * @param wallNanos          length of the interval
 * @param echoes             verified echoes completed (whole messages)
 * @param payloadBytes       payload bytes of those echoes (one direction)
 * @param errors             errors in the interval: mismatches, resets, EOFs, message timeouts
 * @param driverCpuNanos     CPU time of the driver thread(s) during the interval (ThreadMXBean)
 * @param maxSendLagNanos    open loop: the largest delay between a message's intended and actual send
 *                           time (large = the driver or the server's backpressure held it back); 0 in closed loop
 * @param latencyNanos       latency of every echo completed in the interval, in NANOSECONDS; open
 *                           loop: from the intended send time; closed loop: from the actual send time
 */
public record DriverSnapshot(long wallNanos, long echoes, long payloadBytes, long errors, long driverCpuNanos,
                             long maxSendLagNanos, Histogram latencyNanos) {

    /** Echoes per second over the interval. */
    public double echoesPerSecond() {
        return wallNanos <= 0 ? 0 : echoes * 1e9 / wallNanos;
    }

    /** Driver CPU as % of one core over the interval (100 = one core busy). */
    public double driverCpuPercent() {
        return wallNanos <= 0 ? 0 : driverCpuNanos * 100.0 / wallNanos;
    }

    /** Latency percentile in microseconds, e.g. {@code latencyMicros(99.9)}. */
    public double latencyMicros(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * Combines snapshots of drivers that ran side by side (one per JMH thread): counts, CPU and
     * histograms add up, the wall time is the longest of the two.
     */
    public DriverSnapshot plus(DriverSnapshot other) {
        Histogram merged = latencyNanos.copy();
        merged.add(other.latencyNanos);
        return new DriverSnapshot(Math.max(wallNanos, other.wallNanos), echoes + other.echoes,
                payloadBytes + other.payloadBytes, errors + other.errors, driverCpuNanos + other.driverCpuNanos,
                Math.max(maxSendLagNanos, other.maxSendLagNanos), merged);
    }
}
