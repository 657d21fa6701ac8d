package org.iobench.bench;

import java.util.ArrayList;
import java.util.List;
import org.iobench.bench.driver.DriverSnapshot;
import org.iobench.bench.measure.GcPauses;
import org.iobench.bench.measure.IterationInterference;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The secondary metrics of one measurement iteration, named and unitised as in the results
 * contract (docs/results.md). Pure arithmetic over what was sampled, so it can be tested without a
 * server.
 *
 * <p>JMH's own aggregation over the iterations of a fork is set here (averages, except the worst
 * iteration for {@code latency.max}, {@code client.bound} and {@code disturbed}, and the total of
 * {@code errors}), but the figures a run reports are computed over its rounds by {@link RoundSummary}:
 * latency percentiles from the merged histograms, never from these per-iteration values.
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
     * @param interference    what disturbed the iteration, or null when it could not be read
     * @param warmUp          how the fork's warm-up ended, or null when it did not run
     * @param cpuDistanceNanos how far apart the driver's and server's CPUs were around the iteration
     *                        ({@link org.iobench.bench.measure.CoreDistance}); NaN when not measured
     */
    record Inputs(DriverSnapshot driver, int driverThreads, double echoesPerSecond, ServerSample server,
                  int connections, int payloadBytes, double offeredRate, IterationInterference interference,
                  WarmUp.Outcome warmUp, double cpuDistanceNanos) {
    }

    /**
     * The server process over the iteration.
     *
     * @param start       sampled at the start of the iteration
     * @param end         sampled at its end, connections still open
     * @param wallNanos   time between the two samples
     * @param idleRssKib  RSS of the started server before any connection was opened: the baseline
     *                    memory per connection is counted from (a Java server's heap is fixed and
     *                    pre-touched, so it is all in this figure; see ServerCommand)
     * @param cpus        CPUs the server may run on
     * @param javaServer  a JVM, whose heap RSS cannot show (it is fixed and pre-touched)
     * @param gcStart     the server JVM's GC pause totals at the start, or null (a native server, or
     *                    a JVM that publishes no perf counters)
     * @param gcEnd       the same at the end, or null
     * @param heap        a Java server's live heap, idle and at this iteration's end; null except after
     *                    a fork's last measured iteration (each takes a full GC), or for a native server
     */
    record ServerSample(ProcessStats start, ProcessStats end, long wallNanos, long idleRssKib, int cpus,
                        boolean javaServer, GcPauses gcStart, GcPauses gcEnd, LiveHeapChange heap) {
        double cpuPercent() {
            return wallNanos <= 0 ? 0 : end.cpuNanosSince(start) * 100.0 / wallNanos;
        }

        /** RSS the connections added: at the iteration's end, over the idle server's. */
        double rssKibPerConnection(int connections) {
            return (end.rssKib() - idleRssKib) / (double) connections;
        }

        /** Live heap the connections added, per connection; NaN when not measured in this iteration. */
        double heapKibPerConnection(int connections) {
            return heap == null ? Double.NaN : (heap.liveBytes() - heap.idleLiveBytes()) / 1024.0 / connections;
        }

        /** Milliseconds of GC pause per second of the iteration; NaN without GC counters. */
        double gcPauseMillisPerSecond() {
            return gcStart == null || gcEnd == null || wallNanos <= 0 ? Double.NaN
                    : gcEnd.millisSince(gcStart) / (wallNanos / 1e9);
        }
    }

    /** A Java server's live heap after a full GC: idle (the baseline) and with the connections open. */
    record LiveHeapChange(long idleLiveBytes, long liveBytes) {
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
            long serverCpuNanos = s.end().cpuNanosSince(s.start());
            if (d.echoes() > 0) add(out, "server.cpu.us.per.echo", serverCpuNanos / 1000.0 / d.echoes(), "us/echo");
            add(out, "server.cpu.util", serverCpuPercent, "%");
            double rssPerConnection = s.rssKibPerConnection(in.connections());
            add(out, "server.rss.kib.per.conn", rssPerConnection, "KiB/conn");
            double heapPerConnection = s.heapKibPerConnection(in.connections());
            if (!Double.isNaN(heapPerConnection)) {
                add(out, "server.heap.kib.per.conn", heapPerConnection, "KiB/conn");
                add(out, "server.memory.kib.per.conn", rssPerConnection + heapPerConnection, "KiB/conn");
            } else if (!s.javaServer()) {
                // everything a native server allocates is in its RSS
                add(out, "server.memory.kib.per.conn", rssPerConnection, "KiB/conn");
            }
            add(out, "server.rss.idle.kib", s.idleRssKib(), "KiB");
            double gcPause = s.gcPauseMillisPerSecond();
            if (!Double.isNaN(gcPause)) add(out, "server.gc.pause.ms.per.s", gcPause, "ms/s");
            out.add(new ScalarResult("server.threads", s.end().threads(), "threads", AggregationPolicy.MAX));
            out.add(new ScalarResult("client.bound", clientBound(in, driverCpuPercent, serverCpuPercent, s.cpus()) ? 1 : 0,
                    "flag", AggregationPolicy.MAX));
        }
        if (!Double.isNaN(in.offeredRate())) {
            add(out, "offered.rate", in.offeredRate(), "echoes/s");
            add(out, "achieved.rate", in.echoesPerSecond(), "echoes/s");
        }
        IterationInterference i = in.interference();
        if (i != null) {
            add(out, "interference.driver.runq", 100 * i.driverRunQueueShare(), "%");
            add(out, "interference.server.runq", 100 * i.serverRunQueueShare(), "%");
            add(out, "interference.foreign.cpu", 100 * i.foreignCpuShare(), "%");
            add(out, "interference.softirq", 100 * i.softirqShare(), "%");
            add(out, "interference.steal", 100 * i.stealShare(), "%");
            out.add(new ScalarResult("disturbed", i.disturbed() ? 1 : 0, "flag", AggregationPolicy.MAX));
        }
        if (!Double.isNaN(in.cpuDistanceNanos())) add(out, "cpu.distance.ns", in.cpuDistanceNanos(), "ns");
        if (in.warmUp() != null) {
            add(out, "warmup.s", in.warmUp().seconds(), "s");
            out.add(new ScalarResult("warmup.never.steady", in.warmUp().steady() ? 0 : 1, "flag", AggregationPolicy.MAX));
        }
        return out;
    }

    /**
     * Whether the driver, not the server, set the pace.
     *
     * <p>Closed loop: the driver threads were (nearly) all busy, and busier per CPU than the server per
     * CPU. Both sides handle the same echoes in the same time, so the side with the higher share of its
     * CPUs busy is the one whose capacity the rate meets first: with one CPU each, a server cheaper per
     * echo than the driver is client-bound by arithmetic even when it is busy too (a server starved of
     * work still burns its core: it wakes more often per echo). A tie goes to the driver: then it is at
     * least one of the limits, and the figure cannot rank servers.
     *
     * <p>Open loop: the driver busy-polls near send times, so its CPU says nothing; the sign is that the
     * offered rate was not delivered although the server had CPU to spare.
     */
    static boolean clientBound(Inputs in, double driverCpuPercent, double serverCpuPercent, int serverCpus) {
        double driverShare = driverCpuPercent / (100.0 * in.driverThreads());
        double serverShare = serverCpuPercent / (100.0 * serverCpus);
        if (Double.isNaN(in.offeredRate())) return driverShare >= SATURATED_SHARE && driverShare >= serverShare;
        return serverShare < SATURATED_SHARE && in.echoesPerSecond() < DELIVERED_SHARE * in.offeredRate();
    }

    private static void add(List<ScalarResult> out, String name, double value, String unit) {
        out.add(new ScalarResult(name, value, unit, AggregationPolicy.AVG));
    }
}
