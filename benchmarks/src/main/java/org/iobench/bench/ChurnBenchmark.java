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
 * What: how many short-lived connections per second one I/O model serves, and how long each takes
 * from connect to its echo, when clients connect, send one message, read its echo and close (an
 * orderly close: FIN, never a reset) — an HTTP/1.0-style client, a health check, a serverless caller.
 * One op = one connection whose echo came back byte-for-byte, so JMH's ops/s IS connections/s, and
 * the latency percentiles run from the start of connect() to the echo's last byte. `messages` > 1
 * makes each connection a short session of that many ping-pong echoes before it closes.
 *
 * `connections` is how many such lifecycles are in flight at once (each completed one starts the
 * next), so it is also the most connections open at a time. Server CPU per echo is then server CPU
 * per connection's whole life: accept, a thread or a channel registration, one read and write, close.
 * Memory per connection means little here (connections come and go between the two samples).
 *
 * The client closes first, so TIME_WAIT is the client's; see ChurnDriver for why that does not run
 * out of ports on loopback.
 */
public class ChurnBenchmark extends EchoBenchmark {

    /** Echoes on each connection before it closes; 1 = connect, one echo, close. */
    @Param("1")
    public int messages;

    @Override
    int depth() {
        return 1;
    }

    @Override
    double rate() {
        return Double.NaN;
    }

    @State(Scope.Thread)
    public static class Driver extends EchoBenchmark.Driver {
        @Setup(Level.Trial)
        public void open(ChurnBenchmark benchmark, ThreadParams params) throws IOException {
            thread = DriverThread.churn(benchmark.trial, params, benchmark.messages);
        }
    }

    @Benchmark
    public long echo(Driver driver) {
        return driver.thread.awaitEcho();
    }
}
