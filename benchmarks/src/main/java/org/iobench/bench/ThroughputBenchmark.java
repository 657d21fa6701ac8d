package org.iobench.bench;

import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/*
 * What: how many echoes per second one I/O model serves when N connections each keep `depth`
 * messages in flight (a closed loop; depth 1 = ping-pong). One op = one echo that came back
 * byte-for-byte intact, so JMH's ops/s IS echoes/s.
 *
 * Why closed loop: it finds the ceiling. Every connection sends again as soon as its echo is back,
 * so the server is never idle waiting for work and the number reflects what its I/O model can push
 * at that concurrency. The latency it reports is what a saturated server gives; for latency at a
 * given load see LatencyBenchmark.
 *
 * N is the real concurrency: 10,000 connections are 10,000 sockets open at once, multiplexed by the
 * JMH threads (one LoadDriver each, one Selector), never one JMH thread per connection. The server
 * runs as its own process on the other half of the CPUs, so its CPU time and memory are its own;
 * EchoMetricsProfiler adds them, the latency percentiles and the error count to the same result.
 */
public class ThroughputBenchmark extends EchoBenchmark {

    /** Messages in flight per connection; 1 = ping-pong. */
    @Param("1")
    public int depth;

    @Override
    int depth() {
        return depth;
    }

    @Override
    double rate() {
        return Double.NaN;
    }

    @State(Scope.Thread)
    public static class Driver extends EchoBenchmark.Driver {
        @Setup(Level.Trial)
        public void connect(ThroughputBenchmark benchmark, ThreadParams params) throws IOException {
            thread = DriverThread.connect(benchmark.trial, params, benchmark.depth(), benchmark.rate());
        }
    }

    @Benchmark
    public long echo(Driver driver) {
        return driver.thread.awaitEcho();
    }

    /*
     * Run it: scripts/bench --preset quick (or: mvn verify -Pbench -Dbench.preset=quick), which adds
     * EchoMetricsProfiler, pins, passes only available implementations and writes results/<date>-<host>/.
     * Directly: java -cp 'benchmarks/target/lib/*' org.openjdk.jmh.Main ThroughputBenchmark
     *           -p impl=nio-selector -p connections=1000 -prof org.iobench.bench.EchoMetricsProfiler
     *
     * What to expect on a 2-core machine (driver on one core, server on the other; the reference run
     * in results/2026-11-26-vm): 64-byte ping-pong at 1 connection is ~18k echoes/s for every model
     * (a cross-core round trip), at 10-100 connections ~200k for the event loops and the native
     * server (~5 us server CPU per echo), ~140k for `blocking`. At 10,000 connections each
     * connection's round trip is connections / (echoes/s), i.e. a p50 of 100 ms and more by Little's
     * law, not a slow server; `blocking` runs 10,014 threads there, falls to ~35k echoes/s and costs
     * ~140 KiB RSS per connection where the event-loop servers cost 6-20 KiB. When `client.bound` is 1 the single
     * driver core was the limit and differences between servers in that result are not to be
     * trusted. `errors` must be 0. On a machine shared with other work, expect wide error bars.
     */
}
