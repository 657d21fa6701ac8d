package org.iobench.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What every echo benchmark shares: the implementation, connection count and payload parameters, and
 * one server process per trial ({@link ServerTrial}) measured iteration by iteration. A workload is a
 * subclass that adds its load parameter (messages in flight, an offered rate, ...), says how its
 * drivers load the server ({@link #depth()}, {@link #rate()}) and declares its {@code echo} benchmark
 * and its per-thread {@link Driver} (JMH injects the benchmark's state into the driver's setup by its
 * concrete type, so that one method stays in the subclass). A new workload is a class and a line in
 * {@link Preset}.
 *
 * <p>The JMH defaults here are for running a class directly; {@code scripts/bench} sets the timing
 * per preset and runs one fork per round.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Threads(1)
@State(Scope.Benchmark)
public abstract class EchoBenchmark {

    /** The implementation id (see `scripts/echo-server --list`). */
    @Param("native-epoll-et")
    public String impl;

    /** Connections open at once for the whole trial. */
    @Param("100")
    public int connections;

    /** Bytes per message. */
    @Param("64")
    public int payloadBytes;

    /**
     * What the server does with each message before echoing it: {@code none} (the plain echo),
     * {@code cpu:<µs>} or {@code block:<ms>} ({@link org.iobench.api.Work}); the server is told the
     * message size (payloadBytes) so the work is per message. Event loops hand blocking work to a pool
     * sized by -Diobench.offload.threads (0 = block on the loop, the classic mistake).
     */
    @Param("none")
    public String work;

    /**
     * The server's worker threads (event loops; the accept and worker threads of the thread-per-connection
     * servers are not counted). 0, the default, is the run's setting: -Diobench.server.threads /
     * IOBENCH_SERVER_THREADS, else one per server CPU. Sweeping it ({@code -p serverThreads=1,2,4}) makes the
     * thread count a parameter of every result, for machines with more cores than this one's two.
     */
    @Param("0")
    public int serverThreads;

    /**
     * The event loops' offload pool for blocking work: -1, the default, is the run's setting
     * (-Diobench.offload.threads, 64); 0 blocks on the event loop itself, the classic mistake, shown on
     * purpose. Swept by the {@code workloads} preset (the pool size decides which model wins under
     * blocking work) or with {@code -p offloadThreads=0,16,256}; thread-per-connection and native models ignore it.
     */
    @Param("-1")
    public int offloadThreads;

    ServerTrial trial;

    /** Messages each connection keeps in flight (closed loop); 1 under an offered rate. */
    abstract int depth();

    /** Offered echoes per second over all connections (open loop); NaN for a closed loop. */
    abstract double rate();

    @Setup(Level.Trial)
    public void startServer() throws IOException {
        trial = ServerTrial.start(new TrialSpec(impl, connections, payloadBytes, rate(), work, serverThreads, offloadThreads));
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        trial.iterationStarted();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        trial.iterationEnded();
    }

    /** Stops the server; fails the trial if it did not exit 0 or echoes failed outside the measurement. */
    @TearDown(Level.Trial)
    public void stopServer() {
        trial.stopAndVerify();
    }

    /** One per JMH thread: its slice of the connections (and of the rate). Subclasses add the connecting setup. */
    public abstract static class Driver {
        DriverThread thread;

        /** Also re-anchors an open loop's schedule: nobody sends between iterations, and that gap is not the server's latency. */
        @Setup(Level.Iteration)
        public void startInterval(IterationParams iteration) {
            thread.startInterval(iteration.getType() == IterationType.MEASUREMENT);
        }

        @TearDown(Level.Iteration)
        public void endInterval() {
            thread.endInterval();
        }

        @TearDown(Level.Trial)
        public void close() {
            thread.close();
        }
    }
}
