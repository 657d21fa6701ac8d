package org.iobench.bench;

import java.util.ArrayList;
import java.util.List;
import org.iobench.bench.driver.DriverSnapshot;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The secondary metrics of one measurement iteration, named and unitised as in the results
 * contract (/work/notes/results-contract.md). Pure arithmetic over what was sampled, so it can be
 * tested without a server.
 *
 * <p>Aggregation over iterations (and forks): averages, except {@code latency.max} and
 * {@code client.bound} (the worst iteration counts) and {@code errors} (the total: one error in one
 * iteration makes the whole result invalid).
 */
final class IterationMetrics {
    /** A driver thread busier than this share of its core counts as saturated. */
    static final double SATURATED_SHARE = 0.90;
    /** Open loop: below this share of the offered rate the load was not delivered. */
    static final double DELIVERED_SHARE = 0.95;

    private IterationMetrics() {
    }

    /**
     * What the profiler knows at the end of an iteration.
     *
     * @param driver          all driver threads' interval, combined
     * @param driverThreads   how many driver threads ran
     * @param echoesPerSecond JMH's primary score for the iteration (verified echoes/s)
     * @param server          server-side samples, or null when the server is not ours to measure
     * @param connections     connections in the trial
     * @param payloadBytes    bytes per message
     * @param offeredRate     open loop: offered echoes/s (total); NaN for the closed loop
     */
    record Inputs(DriverSnapshot driver, int driverThreads, double echoesPerSecond, ServerSample server,
                  int connections, int payloadBytes, double offeredRate) {
    }

    /**
     * The server process over the iteration.
     *
     * @param start       sampled at the start of the iteration
     * @param end         sampled at its end, connections still open
     * @param wallNanos   time between the two samples
     * @param idleRssKib  RSS before any connection was opened
     * @param cpus        CPUs the server may run on
     */
    record ServerSample(ProcessStats start, ProcessStats end, long wallNanos, long idleRssKib, int cpus) {
        double cpuPercent() {
            return wallNanos <= 0 ? 0 : (end.cpuNanos() - start.cpuNanos()) * 100.0 / wallNanos;
        }
    }

    static List<ScalarResult> compute(Inputs in) {
        List<ScalarResult> out = new ArrayList<>();
        DriverSnapshot d = in.driver();
        if (d.latencyNanos().getTotalCount() > 0) {
            add(out, "latency.p50", d.latencyMicros(50), "us");
            add(out, "latency.p90", d.latencyMicros(90), "us");
            add(out, "latency.p99", d.latencyMicros(99), "us");
            add(out, "latency.p999", d.latencyMicros(99.9), "us");
            add(out, "latency.p9999", d.latencyMicros(99.99), "us");
            out.add(new ScalarResult("latency.max", d.latencyNanos().getMaxValue() / 1000.0, "us", AggregationPolicy.MAX));
        }
        add(out, "mb.per.s", in.echoesPerSecond() * in.payloadBytes() / 1e6, "MB/s");
        double driverCpuPercent = d.driverCpuPercent();
        add(out, "driver.cpu.util", driverCpuPercent, "%");
        out.add(new ScalarResult("errors", d.errors(), "errors", AggregationPolicy.SUM));

        ServerSample s = in.server();
        if (s != null) {
            double serverCpuPercent = s.cpuPercent();
            long serverCpuNanos = s.end().cpuNanos() - s.start().cpuNanos();
            if (d.echoes() > 0) add(out, "server.cpu.us.per.echo", serverCpuNanos / 1000.0 / d.echoes(), "us/echo");
            add(out, "server.cpu.util", serverCpuPercent, "%");
            add(out, "server.rss.kib.per.conn", (s.end().rssKib() - s.idleRssKib()) / (double) in.connections(), "KiB/conn");
            out.add(new ScalarResult("server.threads", s.end().threads(), "threads", AggregationPolicy.MAX));
            boolean serverSaturated = serverCpuPercent >= SATURATED_SHARE * 100 * s.cpus();
            out.add(new ScalarResult("client.bound", clientBound(in, driverCpuPercent, serverSaturated) ? 1 : 0,
                    "flag", AggregationPolicy.MAX));
        }
        if (!Double.isNaN(in.offeredRate())) {
            add(out, "offered.rate", in.offeredRate(), "echoes/s");
            add(out, "achieved.rate", in.echoesPerSecond(), "echoes/s");
        }
        return out;
    }

    /**
     * Closed loop: the driver threads were (nearly) all busy while the server had CPU to spare.
     * Open loop: the driver busy-polls near send times, so its CPU says nothing; the sign is that the
     * offered rate was not delivered although the server had CPU to spare.
     */
    static boolean clientBound(Inputs in, double driverCpuPercent, boolean serverSaturated) {
        if (serverSaturated) return false;
        if (Double.isNaN(in.offeredRate())) return driverCpuPercent >= SATURATED_SHARE * 100 * in.driverThreads();
        return in.echoesPerSecond() < DELIVERED_SHARE * in.offeredRate();
    }

    private static void add(List<ScalarResult> out, String name, double value, String unit) {
        out.add(new ScalarResult(name, value, unit, AggregationPolicy.AVG));
    }
}
