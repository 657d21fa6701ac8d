package org.iobench.bench.tools;

/**
 * What one client (the Java driver or the native load client) did in one measured window. CPU per
 * echo is defined here once, the same for both: the client PROCESS's CPU time (user + system, every
 * thread: event loops, GC, JIT) over the verified echoes it completed in the window.
 *
 * @param echoes    verified echoes completed in the window
 * @param wallNanos length of the window
 * @param cpuNanos  CPU time of the whole client process over the window
 */
record ClientResult(long echoes, long wallNanos, long cpuNanos) {

    double echoesPerSecond() {
        return wallNanos <= 0 ? 0 : echoes * 1e9 / wallNanos;
    }

    /** Process CPU time over verified echoes, in microseconds. */
    double cpuMicrosPerEcho() {
        return echoes <= 0 ? Double.NaN : cpuNanos / 1e3 / echoes;
    }

    /** The process's CPU as % of one core over the window. */
    double cpuPercent() {
        return wallNanos <= 0 ? 0 : cpuNanos * 100.0 / wallNanos;
    }
}
